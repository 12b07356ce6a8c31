/** An icon from the core's SVG data (shared/present/icons.ts): no emoji font needed, colour from the text. */
import { type IconId, iconPaths } from '../../../shared/present/icons.ts';

/** Knockout strokes take the colour of what the icon sits on, set by the surrounding CSS. */
export function Icon({ id, size = 24 }: { id: IconId; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false" class="icon">
      {iconPaths(id, 'var(--vigie-icon-knockout, #fff)').map((p) => (
        <path key={p.d} {...p} />
      ))}
    </svg>
  );
}
