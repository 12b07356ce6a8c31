/** The diary screen (pwa/src/diary/, its own feature) loaded on first use: it is a third of the shell's code. */
import type { DiaryScreenProps } from '../diary/DiaryScreen.tsx';
import { lazyScreen } from './lazy-screen.tsx';

export const LazyDiary = lazyScreen<DiaryScreenProps>(() =>
  import('../diary/DiaryScreen.tsx').then((module) => module.DiaryScreen),
);
