/** An icon from the core's SVG data (shared/present/icons.ts): no emoji font needed, colour from the text. */
import { ICONS, type IconId } from '../../../shared/present/icons.ts';

export function Icon({ id, size = 24 }: { id: IconId; size?: number }) {
  const shape = ICONS[id];
  // Knockout strokes take the colour of what the icon sits on (set by the surrounding CSS).
  const stroke = shape.knockout ? 'var(--vigie-icon-knockout, #fff)' : 'currentColor';
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false" class="icon">
      {shape.fill.map((d) => (
        <path key={d} d={d} fill="currentColor" />
      ))}
      {shape.stroke.map((d) => (
        <path
          key={d}
          d={d}
          fill="none"
          stroke={stroke}
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      ))}
    </svg>
  );
}
