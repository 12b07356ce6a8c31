/** An icon from the core's SVG data for the popup and options (Preact), as the PWA draws it. */
import { ICONS, type IconId } from '../../../shared/present/icons.ts';

export function Icon({ id, size = 16, knockout = '#fff' }: { id: IconId; size?: number; knockout?: string }) {
  const shape = ICONS[id];
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
          stroke={shape.knockout ? knockout : 'currentColor'}
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      ))}
    </svg>
  );
}
