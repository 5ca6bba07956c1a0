import { useEffect, useState } from 'react';
import type { Lang, Translate } from '../i18n';
import { useI18n } from '../i18n';

/** The current time, ticking every `everyMs` (countdowns). */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function formatDuration(t: Translate, ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('duration.dhm', { d, h });
  if (h > 0) return t('duration.hm', { h, m });
  return t('duration.m', { m });
}

/** Today's date (YYYY-MM-DD) in the tenant's usual zone (Asia/Shanghai), wherever the browser is. */
export function tenantToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** The instant a tenant-zone date (YYYY-MM-DD) begins; China keeps UTC+8 all year. */
export function tenantMidnight(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** A date and time in the tenant's usual zone (Asia/Shanghai), in the user's language. */
export function formatTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang, {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** Time left to a deadline, red once it has passed (or the milestone is marked breached). */
export function Countdown({ dueAt, breached }: { dueAt: string | null | undefined; breached?: boolean }) {
  const { t } = useI18n();
  const now = useNow(15_000);
  if (!dueAt) return <span>{t('countdown.none')}</span>;
  const left = new Date(dueAt).getTime() - now;
  if (left < 0 || breached) {
    return (
      <span className="gj-countdown-over" role="timer">
        {t('countdown.over', { time: formatDuration(t, left) })}
      </span>
    );
  }
  return (
    <span className={left < 30 * 60_000 ? 'gj-countdown-warn' : undefined} role="timer">
      {t('countdown.left', { time: formatDuration(t, left) })}
    </span>
  );
}

/** Milestone names the catalogue knows; a tenant's own policy keys read as "deadline". */
export function milestoneLabel(t: Translate, key: string): string {
  const label = t(`milestone.${key}`);
  return label === `milestone.${key}` ? `${t('milestone.other')} ${key}` : label;
}
