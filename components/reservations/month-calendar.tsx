'use client';

import { useMemo, useState, useSyncExternalStore } from 'react';
import { useFormStatus } from 'react-dom';
import { Notice } from '@/components/notice';
import { useCalendarBoard } from './calendar-board';
import { expandLook, TONE_CLASSES, TONE_WORDS, type DayLook } from './day-look';
import { ToneIcon } from './tone-icon';

const WEEKDAYS = [
  ['Lun', 'lundi'],
  ['Mar', 'mardi'],
  ['Mer', 'mercredi'],
  ['Jeu', 'jeudi'],
  ['Ven', 'vendredi'],
  ['Sam', 'samedi'],
  ['Dim', 'dimanche'],
] as const;

const subscribeToNothing = () => () => {};

const cellBox = 'flex h-12 w-full flex-col items-center justify-center gap-0.5 rounded leading-none sm:h-16';

/**
 * The date, the state's icon and its word. Given `spoken` (in a button), hidden text around the
 * date makes it the full date and hidden text after the word says the state in full: the button's
 * name is built on the date it shows (WCAG 2.5.3), and the word, a short form of that state, is
 * not read twice.
 */
function DayFace({ look, tone, spoken }: { look: DayLook; tone: DayLook['tone']; spoken?: DayLook['spoken'] }) {
  const word = tone === look.tone ? look.word : TONE_WORDS[tone];
  return (
    <>
      <span className="text-sm font-semibold sm:text-base">
        {spoken && <span className="sr-only">{spoken.beforeDay}</span>}
        {look.dayOfMonth}
        {spoken && <span className="sr-only">{spoken.afterDay}</span>}
      </span>
      <ToneIcon tone={tone} className="h-3.5 w-3.5 sm:h-4 sm:w-4" />
      {word && (
        // On a phone only the rank fits under the date; the icon says the rest, the legend explains it.
        <span aria-hidden="true" className={tone === 'waitlisted' ? 'text-[10px] sm:text-xs' : 'hidden text-xs sm:block'}>
          {word}
        </span>
      )}
      {spoken && <span className="sr-only">{spoken.state}</span>}
    </>
  );
}

function DayCell({ look, onChoose }: { look: DayLook; onChoose: (date: string) => void }) {
  const { pending, data } = useFormStatus();
  if (look.activityDayId === null) {
    return (
      <td title={look.reason ?? undefined} className="p-0">
        <div aria-hidden="true" className={`${cellBox} ${TONE_CLASSES[look.tone]}`}>
          <DayFace look={look} tone={look.tone} />
        </div>
        <span className="sr-only">{look.label}</span>
      </td>
    );
  }
  const sending = pending && data?.get('activityDayId') === String(look.activityDayId);
  const tone = sending ? look.pendingTone : look.tone;
  return (
    <td className="p-0">
      <button
        type="submit"
        name="activityDayId"
        value={look.activityDayId}
        onClick={() => onChoose(look.date)}
        className={`${cellBox} ${TONE_CLASSES[tone]} cursor-pointer shadow-sm hover:brightness-95 focus-visible:relative focus-visible:z-10 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-brand-700 ${sending ? 'animate-pulse' : ''}`}
      >
        <DayFace look={look} tone={tone} spoken={look.spoken} />
      </button>
    </td>
  );
}

/**
 * The month grid of the board (CalendarBoardProvider). Each clickable day is a submit button of
 * one form: without JavaScript the browser posts it and the page comes back; with JavaScript the
 * day shows the request it makes while the click is sent, and the board updates from the answer.
 */
export function MonthCalendar({ title, fields }: { title: string; fields: Record<string, string> }) {
  const { board, state, dispatch, pending } = useCalendarBoard();
  const { weeks } = board;
  const looks = useMemo(() => weeks.map((week) => week.map((cell) => cell && expandLook(cell))), [weeks]);
  const [chosen, setChosen] = useState<string | null>(null);
  // False in the server's HTML, true once React runs in the browser.
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const announcement = !pending && chosen ? (looks.flat().find((look) => look?.date === chosen)?.label ?? '') : '';
  return (
    <form
      action={dispatch}
      aria-busy={pending}
      onSubmit={(event) => {
        // One click at a time: a second one while the first is sent would undo it.
        if (pending) event.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* Without JavaScript the browser posts the form: the action then redirects, so a reload never clicks twice. */}
      {hydrated && <input type="hidden" name="affichage" value="dynamique" />}
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <table className="mt-2 w-full table-fixed border-separate border-spacing-0.5 sm:border-spacing-1">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map(([short, long]) => (
              <th key={short} scope="col" className="pb-1 text-center text-xs font-semibold text-slate-700 sm:text-sm">
                <abbr title={long} className="no-underline">
                  {short}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {looks.map((week) => (
            <tr key={week.find(Boolean)?.date}>
              {week.map((look, index) => (look ? <DayCell key={look.date} look={look} onChoose={setChosen} /> : <td key={index} className="p-0" />))}
            </tr>
          ))}
        </tbody>
      </table>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </form>
  );
}
