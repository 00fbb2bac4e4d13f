/** Whether the page is phone-width: the graph is then drawn top to bottom (the print layout), which fits a narrow screen. */
import { useEffect, useState } from 'preact/hooks';

const QUERY = '(max-width: 700px)';

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(QUERY).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const media = matchMedia(QUERY);
    const update = (): void => setNarrow(media.matches);
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return narrow;
}
