package io.engagementbridge.zendesk;

final class InMemoryGovernorLedgerTest extends GovernorLedgerContract {
    @Override
    protected GovernorLedger ledger() {
        return new InMemoryGovernorLedger();
    }
}
