/**
 * 33700 (AF2M / Fédération Française des Télécoms), for scams and premium callbacks, not for sales calls
 * (research §4.3). Voice spam: SMS "spamvocal" followed by the number to 33700; service-public describes first the
 * premium number you were urged to call back, then the calling number when 33700 asks for it.
 * Free from Bouygues Telecom, Free, Orange and SFR; other operators may charge a normal SMS.
 */
import { readCallerNumber } from '../caller-id-ranges.ts';

export const SMS_33700_NUMBER = '33700';

export interface Sms33700 {
  to: string;
  /** SMS to send, in order. */
  messages: string[];
  /** `sms:` link with the first message (opens the SMS app; the user presses send). */
  link: string;
}

function compact(raw: string): string {
  const n = readCallerNumber(raw);
  if (!n) return raw.replace(/\s+/g, '');
  return n.kind === 'national' ? n.national : n.digits;
}

/**
 * @param callerNumber the number that called
 * @param callbackNumber the premium number a voicemail or the call urged you to call back, if any
 */
export function sms33700(callerNumber: string, callbackNumber?: string): Sms33700 {
  const caller = compact(callerNumber);
  const messages = callbackNumber ? [`spamvocal ${compact(callbackNumber)}`, caller] : [`spamvocal ${caller}`];
  return {
    to: SMS_33700_NUMBER,
    messages,
    link: `sms:${SMS_33700_NUMBER}?body=${encodeURIComponent(messages[0]!)}`,
  };
}
