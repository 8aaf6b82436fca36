import { Typography } from '@material-ui/core';
import { useEffect, useState } from 'react';

/** Seconds (or minutes) since an instant, as people say it. */
export function ago(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} d ago`;
}

/** "14:10 UTC" today, "26 Nov 14:10 UTC" before: an instant people can compare with the charts. */
export function utcInstant(iso: string, now: number): string {
  const d = new Date(iso);
  const hm = d.toISOString().slice(11, 16);
  if (d.toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10)) return `${hm} UTC`;
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })} ${hm} UTC`;
}

/** The current time, re-read every `everyMs`, for labels that say "N s ago". */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * "Updated 4 s ago · refreshes every 5 s" on a live card: AWS answers are cached and shared,
 * so the age of the data is that of the backend's read, not of the browser's poll.
 */
export const UpdatedAgo = ({ fetchedAt, everyMs }: { fetchedAt: string; everyMs: number }) => {
  const now = useNow();
  return (
    <Typography variant="caption" color="textSecondary" data-testid="updated-ago" style={{ whiteSpace: 'nowrap' }}>
      Updated {ago(fetchedAt, now)} · refreshes every {Math.round(everyMs / 1000)} s
    </Typography>
  );
};
