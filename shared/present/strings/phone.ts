/** "Sur mon téléphone": the phone-book guide and the "Protéger mon téléphone" download (docs/phone.md). */
import type { Entry } from '../translate.ts';

export const PHONE_STRINGS = {
  'phone.open': { fr: 'Sur mon téléphone', en: 'On my phone' },
  'phone.title': { fr: 'Sur mon téléphone', en: 'On my phone' },
  'phone.intro': {
    fr: 'Une application web ne peut pas filtrer les appels, mais votre téléphone lit un carnet d’adresses. Vigie en fournit un : les numéros signalés y sont rangés sous quelques contacts, « ⛔ Vigie · Arnaque », « ⚠ Vigie · Démarchage »… Quand l’un d’eux appelle, le téléphone affiche ce nom ; si vous bloquez le contact, il ne sonne plus.',
    en: 'A web app cannot screen calls, but your phone reads an address book. Vigie provides one: reported numbers are filed under a few contacts, "⛔ Vigie · Arnaque" (scam), "⚠ Vigie · Démarchage" (telemarketing)… When one of them calls, the phone shows that name; if you block the contact, it no longer rings.',
  },
  'phone.addressTitle': { fr: 'Adresse du carnet', en: 'Address book address' },
  'phone.addressHelp': {
    fr: 'Nom d’utilisateur et mot de passe : ce que vous voulez. Le carnet est public et ne contient aucune donnée personnelle, mais les téléphones exigent d’en saisir.',
    en: 'User name and password: anything you like. The book is public and holds no personal data, but phones insist on a login.',
  },
  'phone.levelLabel': { fr: 'Numéros à inclure', en: 'Numbers to include' },
  'phone.levelAll': { fr: 'Tous les numéros signalés', en: 'Every reported number' },
  'phone.levelSpam': { fr: 'Indésirables et dangereux', en: 'Spam and dangerous' },
  'phone.levelDanger': { fr: 'Dangereux seulement (arnaques)', en: 'Dangerous only (scams)' },
  'phone.frenchOnly': { fr: 'Numéros français seulement', en: 'French numbers only' },
  'phone.copy': { fr: 'Copier', en: 'Copy' },
  'phone.copied': { fr: 'Copié', en: 'Copied' },
  'phone.iphoneTitle': { fr: 'iPhone', en: 'iPhone' },
  'phone.iphone1': {
    fr: 'Ouvrez Réglages › Contacts › Comptes (iOS 18 : Réglages › Apps › Contacts › Comptes de contacts) › Ajouter un compte › Autre › Ajouter un compte CardDAV.',
    en: 'Open Settings › Contacts › Accounts (iOS 18: Settings › Apps › Contacts › Contacts Accounts) › Add Account › Other › Add CardDAV Account.',
  },
  'phone.iphone2': {
    fr: 'Serveur : collez l’adresse ci-dessus. Utilisateur et mot de passe : n’importe lesquels. Touchez Suivant.',
    en: 'Server: paste the address above. User name and password: any. Tap Next.',
  },
  'phone.iphone3': {
    fr: 'Les contacts Vigie apparaissent dans Contacts. Un appel d’un numéro signalé s’affiche « ⛔ Vigie · Arnaque » : vous voyez l’avertissement avant de décrocher.',
    en: 'The Vigie contacts appear in Contacts. A call from a reported number shows as "⛔ Vigie · Arnaque": you see the warning before you answer.',
  },
  'phone.iphone4': {
    fr: 'Pour ne plus les entendre : ouvrez chaque contact Vigie, puis « Bloquer ce correspondant ». L’iPhone limite le nombre de numéros bloqués (quelques milliers) : le carnet en contient 8 000 au plus.',
    en: 'To stop hearing them: open each Vigie contact, then "Block this Caller". iPhones limit how many numbers can be blocked (a few thousand): the book holds 8,000 at most.',
  },
  'phone.androidTitle': { fr: 'Android', en: 'Android' },
  'phone.android1': {
    fr: 'Abonnement (mis à jour tout seul) : installez DAVx⁵ (F-Droid ou Play Store), touchez +, « Connexion avec une URL et un nom d’utilisateur », collez l’adresse ci-dessus, n’importe quel nom et mot de passe, puis cochez le carnet « Vigie ».',
    en: 'Subscription (updates itself): install DAVx⁵ (F-Droid or Play Store), tap +, "Login with URL and user name", paste the address above, any name and password, then tick the "Vigie" address book.',
  },
  'phone.android2': {
    fr: 'Ou fichier (une fois) : téléchargez le fichier ci-dessous, puis dans Contacts › Paramètres › Importer, choisissez-le.',
    en: 'Or a file (once): download the file below, then in Contacts › Settings › Import, choose it.',
  },
  'phone.android3': {
    fr: 'Pour bloquer : ouvrez un contact Vigie › ⋮ › « Bloquer les numéros ». Sinon le nom suffit à vous prévenir.',
    en: 'To block: open a Vigie contact › ⋮ › "Block numbers". Otherwise the name is enough to warn you.',
  },
  'phone.updatesTitle': { fr: 'Ce qui se met à jour', en: 'What updates itself' },
  'phone.updates': {
    fr: 'Un abonnement (compte CardDAV sur iPhone, DAVx⁵ sur Android) suit chaque nouvelle version de la liste sans rien faire. Un fichier importé ne change plus : téléchargez-le de nouveau de temps en temps, et supprimez les anciens contacts Vigie avant d’importer.',
    en: 'A subscription (CardDAV account on iPhone, DAVx⁵ on Android) follows each new version of the list by itself. An imported file never changes: download it again now and then, and delete the old Vigie contacts before importing.',
  },
  'phone.limitsTitle': { fr: 'Ce que le carnet ne couvre pas', en: 'What the book does not cover' },
  'phone.limits': {
    fr: 'Les préfixes réservés aux automates d’appel par l’ARCEP (0162, 0163, 0270, 0271, 0377, 0378, 0424, 0425, 0568, 0569, 0948, 0949…) regroupent des dizaines de millions de numéros : impossible d’en faire des contacts. Les rechercher dans Vigie les signale à coup sûr, et certains opérateurs proposent leur propre filtrage des appels indésirables dans l’espace client.',
    en: 'The prefixes ARCEP reserves for automated callers (0162, 0163, 0270, 0271, 0377, 0378, 0424, 0425, 0568, 0569, 0948, 0949…) hold tens of millions of numbers: they cannot be made into contacts. Looking them up in Vigie always flags them, and some operators offer their own nuisance-call filtering in the customer area.',
  },
  'phone.protectTitle': { fr: 'Protéger mon téléphone', en: 'Protect my phone' },
  'phone.protectHelp': {
    fr: 'Un fichier de contacts (.vcf) avec les numéros de la liste synchronisée et ceux de votre propre liste de blocage, préparé sur cet appareil : votre liste ne part nulle part.',
    en: 'A contacts file (.vcf) with the numbers of the synced list and those of your own block list, made on this device: your list goes nowhere.',
  },
  'phone.protectButton': { fr: 'Télécharger le fichier de contacts', en: 'Download the contacts file' },
  'phone.protectBusy': { fr: 'Préparation…', en: 'Preparing…' },
  'phone.protectDone': {
    fr: 'Fichier {file} prêt : {crowd} numéros signalés et {personal} de votre liste de blocage, en {contacts} contacts.',
    en: 'File {file} ready: {crowd} reported numbers and {personal} from your block list, in {contacts} contacts.',
  },
  'phone.protectNoList': {
    fr: 'La liste n’est pas encore synchronisée : le fichier ne contiendra que votre liste de blocage.',
    en: 'The list is not synced yet: the file will hold your block list only.',
  },
  'phone.protectFailed': { fr: 'Le fichier n’a pas pu être préparé :', en: 'The file could not be made:' },
  'phone.back': { fr: 'Retour', en: 'Back' },
  'phone.extIntro': {
    fr: 'Les numéros signalés peuvent aussi vous avertir, ou être bloqués, sur votre téléphone grâce à un carnet d’adresses Vigie. Scannez ce code avec le téléphone, ou ouvrez le guide :',
    en: 'Reported numbers can also warn you, or be blocked, on your phone through a Vigie address book. Scan this code with the phone, or open the guide:',
  },
  'phone.extLink': { fr: 'Sur mon téléphone', en: 'On my phone' },
  'phone.extNoServer': {
    fr: 'Indiquez l’adresse du service communautaire ci-dessous : le guide pour le téléphone s’y trouve.',
    en: 'Enter the crowd service address below: the phone guide is served there.',
  },
  'phone.qrLabel': { fr: 'Code QR vers {url}', en: 'QR code for {url}' },
} satisfies Record<string, Entry>;
