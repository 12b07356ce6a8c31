/** The phone guide (PhoneScreen.tsx) loaded on first use: it carries the phone-book builder and the list reader. */
import { lazyScreen } from '../app/lazy-screen.tsx';
import type { PhoneScreenProps } from './PhoneScreen.tsx';

export const LazyPhone = lazyScreen<PhoneScreenProps>(() =>
  import('./PhoneScreen.tsx').then((module) => module.PhoneScreen),
);

/** `/?ecran=telephone` opens the guide (the link and QR code of the extension's options page). */
export function wantsPhoneGuide(search: string): boolean {
  return new URLSearchParams(search).get('ecran') === 'telephone';
}
