/*
 * Engagement Bridge: the strings of the "Connect Zendesk" panel (connect.js), per locale.
 * Every locale has every English key; {url} is filled in as text.
 */
(function () {
  'use strict';

  var STRINGS = {
    en: {
      heading: 'Zendesk connection',
      connected: 'Connected to {url}',
      notConnected: 'Not connected. Connect Zendesk so Engagement Bridge can write to it.',
      connect: 'Connect Zendesk',
      disconnect: 'Disconnect',
      confirmDisconnect: 'Disconnect Zendesk? Engagement Bridge stops writing to it and deletes its tokens.',
      cancel: 'Cancel',
      waiting: 'Approve the connection in the Zendesk tab, then come back here.',
      openApproval: 'Open Zendesk to approve',
      notConfigured: 'The backend\u2019s operator has not configured a Zendesk OAuth client yet.',
      unverified: 'The backend could not verify this request. The Shared secret setting must match the backend.',
      fixSettings: 'Fix the app settings first:',
      disconnecting: 'Disconnecting: Engagement Bridge is removing the fields, triggers and view it created in Zendesk, then its tokens.',
      checkAgain: 'Check again',
      failed: 'Something went wrong. Try again.'
    },
    de: {
      heading: 'Zendesk-Verbindung',
      connected: 'Verbunden mit {url}',
      notConnected: 'Nicht verbunden. Verbinden Sie Zendesk, damit Engagement Bridge dorthin schreiben kann.',
      connect: 'Zendesk verbinden',
      disconnect: 'Trennen',
      confirmDisconnect: 'Zendesk trennen? Engagement Bridge schreibt dann nicht mehr dorthin und löscht seine Tokens.',
      cancel: 'Abbrechen',
      waiting: 'Geben Sie die Verbindung im Zendesk-Tab frei und kehren Sie dann hierher zurück.',
      openApproval: 'Zendesk zur Freigabe öffnen',
      notConfigured: 'Der Betreiber des Backends hat noch keinen Zendesk-OAuth-Client eingerichtet.',
      unverified: 'Das Backend konnte diese Anfrage nicht überprüfen. Die Einstellung „Shared secret“ muss zum Backend passen.',
      fixSettings: 'Korrigieren Sie zuerst die App-Einstellungen:',
      disconnecting: 'Wird getrennt: Engagement Bridge entfernt die Felder, Trigger und die Ansicht, die es in Zendesk angelegt hat, danach seine Tokens.',
      checkAgain: 'Erneut prüfen',
      failed: 'Etwas ist schiefgelaufen. Versuchen Sie es erneut.'
    },
    es: {
      heading: 'Conexión con Zendesk',
      connected: 'Conectado a {url}',
      notConnected: 'Sin conectar. Conecte Zendesk para que Engagement Bridge pueda escribir en él.',
      connect: 'Conectar Zendesk',
      disconnect: 'Desconectar',
      confirmDisconnect: '¿Desconectar Zendesk? Engagement Bridge dejará de escribir en él y borrará sus tokens.',
      cancel: 'Cancelar',
      waiting: 'Apruebe la conexión en la pestaña de Zendesk y luego vuelva aquí.',
      openApproval: 'Abrir Zendesk para aprobar',
      notConfigured: 'El operador del backend aún no ha configurado un cliente OAuth de Zendesk.',
      unverified: 'El backend no pudo verificar esta solicitud. El ajuste Shared secret debe coincidir con el del backend.',
      fixSettings: 'Corrija primero la configuración de la aplicación:',
      disconnecting: 'Desconectando: Engagement Bridge está eliminando los campos, disparadores y la vista que creó en Zendesk y, después, sus tokens.',
      checkAgain: 'Comprobar de nuevo',
      failed: 'Algo salió mal. Inténtelo de nuevo.'
    },
    fr: {
      heading: 'Connexion à Zendesk',
      connected: 'Connecté à {url}',
      notConnected: 'Non connecté. Connectez Zendesk pour qu\u2019Engagement Bridge puisse y écrire.',
      connect: 'Connecter Zendesk',
      disconnect: 'Déconnecter',
      confirmDisconnect: 'Déconnecter Zendesk ? Engagement Bridge n\u2019y écrira plus et supprimera ses jetons.',
      cancel: 'Annuler',
      waiting: 'Approuvez la connexion dans l\u2019onglet Zendesk, puis revenez ici.',
      openApproval: 'Ouvrir Zendesk pour approuver',
      notConfigured: 'L\u2019opérateur du backend n\u2019a pas encore configuré de client OAuth Zendesk.',
      unverified: 'Le backend n\u2019a pas pu vérifier cette requête. Le paramètre Shared secret doit correspondre à celui du backend.',
      fixSettings: 'Corrigez d\u2019abord les paramètres de l\u2019application :',
      disconnecting: 'Déconnexion en cours : Engagement Bridge supprime les champs, déclencheurs et la vue qu\u2019il a créés dans Zendesk, puis ses jetons.',
      checkAgain: 'Vérifier à nouveau',
      failed: 'Un problème est survenu. Réessayez.'
    },
    'pt-BR': {
      heading: 'Conexão com o Zendesk',
      connected: 'Conectado a {url}',
      notConnected: 'Não conectado. Conecte o Zendesk para que o Engagement Bridge possa gravar nele.',
      connect: 'Conectar Zendesk',
      disconnect: 'Desconectar',
      confirmDisconnect: 'Desconectar o Zendesk? O Engagement Bridge deixará de gravar nele e excluirá seus tokens.',
      cancel: 'Cancelar',
      waiting: 'Aprove a conexão na aba do Zendesk e depois volte aqui.',
      openApproval: 'Abrir o Zendesk para aprovar',
      notConfigured: 'O operador do back-end ainda não configurou um cliente OAuth do Zendesk.',
      unverified: 'O back-end não conseguiu verificar esta solicitação. A configuração Shared secret precisa corresponder à do back-end.',
      fixSettings: 'Corrija primeiro as configurações do aplicativo:',
      disconnecting: 'Desconectando: o Engagement Bridge está removendo os campos, gatilhos e a visualização que criou no Zendesk e, depois, seus tokens.',
      checkAgain: 'Verificar novamente',
      failed: 'Algo deu errado. Tente novamente.'
    },
    ja: {
      heading: 'Zendesk との接続',
      connected: '{url} に接続済み',
      notConnected: '未接続です。Engagement Bridge が Zendesk に書き込めるよう接続してください。',
      connect: 'Zendesk に接続',
      disconnect: '接続を解除',
      confirmDisconnect: 'Zendesk との接続を解除しますか？ Engagement Bridge は書き込みを停止し、トークンを削除します。',
      cancel: 'キャンセル',
      waiting: 'Zendesk のタブで接続を承認してから、ここに戻ってください。',
      openApproval: 'Zendesk を開いて承認',
      notConfigured: 'バックエンドの運用者が Zendesk の OAuth クライアントをまだ設定していません。',
      unverified: 'バックエンドがこのリクエストを検証できませんでした。Shared secret の設定がバックエンドと一致している必要があります。',
      fixSettings: '先にアプリの設定を修正してください:',
      disconnecting: '接続を解除しています。Engagement Bridge が Zendesk に作成したフィールド、トリガー、ビューを削除し、その後トークンを削除します。',
      checkAgain: '再確認',
      failed: '問題が発生しました。もう一度お試しください。'
    }
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = STRINGS;
  } else if (typeof window !== 'undefined') {
    window.EngagementBridgeConnectStrings = STRINGS;
  }
})();
