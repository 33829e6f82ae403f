/*
 * Engagement Bridge sidebar: the agent-facing strings the front end shows itself, in six languages.
 * (The backend renders the profile in the agent's language; these cover loading, notices and errors.)
 * Loaded by iframe.html before sidebar.js; exported for node tests.
 */
(function () {
  'use strict';

  var DEFAULT_LOCALE = 'en';

  var STRINGS = {
    en: {
      loading: 'Loading Engagement profile…',
      refreshing: 'Refreshing…',
      chooseRequester: 'Choose a requester to see their Engagement profile.',
      noIdentifier: 'This requester has no email address or external ID to look up in Engagement.',
      loadFailed: 'We couldn\u2019t load this customer\u2019s Engagement profile. Try again.',
      retry: 'Retry',
      notConfigured: 'Engagement Bridge is not set up yet. Ask an admin to enter the backend URL in the app settings.',
      notInZendesk: 'Open this app from Zendesk to see Engagement profiles.'
    },
    de: {
      loading: 'Engagement-Profil wird geladen…',
      refreshing: 'Wird aktualisiert…',
      chooseRequester: 'Wählen Sie einen Anfragenden aus, um sein Engagement-Profil zu sehen.',
      noIdentifier: 'Für diesen Anfragenden gibt es weder eine E-Mail-Adresse noch eine externe ID, nach der in Engagement gesucht werden kann.',
      loadFailed: 'Das Engagement-Profil dieses Kunden konnte nicht geladen werden. Versuchen Sie es erneut.',
      retry: 'Erneut versuchen',
      notConfigured: 'Engagement Bridge ist noch nicht eingerichtet. Bitten Sie einen Administrator, die Backend-URL in den App-Einstellungen einzutragen.',
      notInZendesk: 'Öffnen Sie diese App in Zendesk, um Engagement-Profile zu sehen.'
    },
    es: {
      loading: 'Cargando el perfil de Engagement…',
      refreshing: 'Actualizando…',
      chooseRequester: 'Elija un solicitante para ver su perfil de Engagement.',
      noIdentifier: 'Este solicitante no tiene una dirección de correo electrónico ni un ID externo para buscar en Engagement.',
      loadFailed: 'No pudimos cargar el perfil de Engagement de este cliente. Inténtelo de nuevo.',
      retry: 'Reintentar',
      notConfigured: 'Engagement Bridge aún no está configurado. Pida a un administrador que introduzca la URL del backend en la configuración de la aplicación.',
      notInZendesk: 'Abra esta aplicación desde Zendesk para ver los perfiles de Engagement.'
    },
    fr: {
      loading: 'Chargement du profil Engagement…',
      refreshing: 'Actualisation…',
      chooseRequester: 'Choisissez un demandeur pour voir son profil Engagement.',
      noIdentifier: 'Ce demandeur n\u2019a ni adresse e-mail ni ID externe à rechercher dans Engagement.',
      loadFailed: 'Impossible de charger le profil Engagement de ce client. Réessayez.',
      retry: 'Réessayer',
      notConfigured: 'Engagement Bridge n\u2019est pas encore configuré. Demandez à un administrateur de saisir l\u2019URL du backend dans les paramètres de l\u2019application.',
      notInZendesk: 'Ouvrez cette application depuis Zendesk pour voir les profils Engagement.'
    },
    'pt-BR': {
      loading: 'Carregando o perfil do Engagement…',
      refreshing: 'Atualizando…',
      chooseRequester: 'Escolha um solicitante para ver o perfil dele no Engagement.',
      noIdentifier: 'Este solicitante não tem endereço de e-mail nem ID externo para pesquisar no Engagement.',
      loadFailed: 'Não foi possível carregar o perfil do Engagement deste cliente. Tente novamente.',
      retry: 'Tentar novamente',
      notConfigured: 'O Engagement Bridge ainda não está configurado. Peça a um administrador para informar a URL do back-end nas configurações do aplicativo.',
      notInZendesk: 'Abra este aplicativo no Zendesk para ver os perfis do Engagement.'
    },
    ja: {
      loading: 'Engagement プロフィールを読み込んでいます…',
      refreshing: '更新しています…',
      chooseRequester: 'リクエスタを選択すると、Engagement プロフィールが表示されます。',
      noIdentifier: 'このリクエスタには、Engagement で検索できるメールアドレスまたは外部 ID がありません。',
      loadFailed: 'この顧客の Engagement プロフィールを読み込めませんでした。もう一度お試しください。',
      retry: '再試行',
      notConfigured: 'Engagement Bridge はまだ設定されていません。管理者にアプリ設定でバックエンド URL を入力するよう依頼してください。',
      notInZendesk: 'Engagement プロフィールを表示するには、Zendesk からこのアプリを開いてください。'
    }
  };

  /** Picks the dictionary for a Zendesk locale: exact locale, then its language, then English. */
  function pickLocale(locale) {
    var available = Object.keys(STRINGS);
    var wanted = typeof locale === 'string' ? locale.trim().replace(/_/g, '-') : '';
    if (!wanted) return DEFAULT_LOCALE;
    var lower = wanted.toLowerCase();
    var exact = available.find(function (l) { return l.toLowerCase() === lower; });
    if (exact) return exact;
    var language = lower.split('-')[0];
    var byLanguage = available.find(function (l) { return l.toLowerCase() === language; });
    if (byLanguage) return byLanguage;
    var sameLanguage = available.find(function (l) { return l.toLowerCase().split('-')[0] === language; });
    return sameLanguage || DEFAULT_LOCALE;
  }

  /** Returns t(key) for the locale; a key missing in that locale falls back to English. */
  function translator(locale) {
    var chosen = STRINGS[pickLocale(locale)];
    var t = function (key) {
      if (Object.prototype.hasOwnProperty.call(chosen, key)) return chosen[key];
      if (Object.prototype.hasOwnProperty.call(STRINGS.en, key)) return STRINGS.en[key];
      return key;
    };
    t.locale = pickLocale(locale);
    return t;
  }

  var api = {
    DEFAULT_LOCALE: DEFAULT_LOCALE,
    STRINGS: STRINGS,
    pickLocale: pickLocale,
    translator: translator
  };

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
  } else {
    window.EngagementBridge = Object.assign(window.EngagementBridge || {}, api);
  }
})();
