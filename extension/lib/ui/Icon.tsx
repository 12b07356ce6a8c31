/** An icon from the core's SVG data (shared/present/icons.ts) for the popup; `knockout`: the colour behind it. */
import { type IconId, iconPaths } from '../../../shared/present/icons.ts';

export function Icon({ id, size = 16, knockout = '#fff' }: { id: IconId; size?: number; knockout?: string }) {
  const paths = iconPaths(id, knockout);
  return (
    <svg class="icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      {paths.map((p) => (
        <path key={p.d} {...p} />
      ))}
    </svg>
  );
}
