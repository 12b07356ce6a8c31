import { browser } from 'wxt/browser';
import type { BackgroundRequest } from '../messages.ts';

export function send<T>(message: BackgroundRequest): Promise<T> {
  return browser.runtime.sendMessage(message) as Promise<T>;
}
