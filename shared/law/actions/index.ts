/** From findings to action: texts and fields the user copies. Nothing here sends anything. */
export { BLOCTEL_URL, type BloctelFields, bloctelApplies, bloctelFields, bloctelText } from './bloctel.ts';
export type { CompanyCase } from './company-case.ts';
export { type LetterSender, type ObjectionLetter, objectionLetter } from './objection-letter.ts';
export { SIGNALCONSO_HOME, type SignalConsoCase, signalConsoCases, signalConsoUrl } from './signalconso.ts';
export { SMS_33700_NUMBER, type Sms33700, sms33700 } from './sms-33700.ts';
