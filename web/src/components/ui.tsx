import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { ApiError } from '../api/client';
import { parseDateInput } from '../lib/format';
import type { Action } from '../lib/hooks';
import { Link } from '../lib/router';

/** Small accessible building blocks: every control has a label, errors are announced, progress is visible. */

export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

export function Loading({ label = 'Đang tải dữ liệu…' }: { label?: string }) {
  return (
    <p class="loading" role="status">
      <Spinner /> {label}
    </p>
  );
}

export function ErrorAlert({ error }: { error?: ApiError }) {
  if (!error) return null;
  return (
    <div class="alert alert-error" role="alert">
      <p class="alert-message">{error.message}</p>
      {error.problems?.length ? (
        <ul class="alert-problems">
          {error.problems.map((p) => (
            <li key={p.field}>
              {p.field ? <code>{p.field}</code> : null} {p.messageVi}
            </li>
          ))}
        </ul>
      ) : null}
      {error.detail ? (
        <details>
          <summary>Chi tiết kỹ thuật</summary>
          <code>
            {error.code}: {error.detail}
          </code>
        </details>
      ) : null}
    </div>
  );
}

/** The outcome of an action, in a live region that exists before the outcome does (so it is announced). */
export function ActionStatus({ action }: { action: Pick<Action<never[]>, 'error' | 'done' | 'busy'> }) {
  return (
    <div class="action-status" aria-live="polite">
      {action.busy ? (
        <p class="progress-note">
          <Spinner /> Đang gửi, vui lòng chờ…
        </p>
      ) : null}
      <ErrorAlert error={action.error} />
      {action.done && !action.error ? <p class="alert alert-ok">{action.done}</p> : null}
    </div>
  );
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  busy?: boolean;
  busyLabel?: string;
  kind?: 'primary' | 'secondary' | 'danger' | 'link';
  type?: 'button' | 'submit';
  disabled?: boolean;
};

export function Button({
  busy,
  busyLabel = 'Đang xử lý…',
  kind = 'primary',
  children,
  disabled,
  type = 'button',
  ...rest
}: ButtonProps) {
  return (
    <button {...rest} type={type} class={`btn btn-${kind}`} disabled={busy || disabled} aria-busy={busy ? 'true' : undefined}>
      {busy ? (
        <>
          <Spinner /> {busyLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}

interface FieldFrame {
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
}

function Frame({ id, label, hint, error, required, children }: FieldFrame & { id: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {label}
        {required ? <span class="required"> (bắt buộc)</span> : null}
      </label>
      {children}
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const describedBy = (id: string, f: FieldFrame) =>
  [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

type InputProps = FieldFrame & {
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'password';
  name?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'decimal' | 'numeric';
  placeholder?: string;
};

export function TextField(props: InputProps) {
  const id = useId();
  const common = {
    id,
    name: props.name,
    value: props.value,
    onInput: (e: { currentTarget: HTMLInputElement }) => props.onValue(e.currentTarget.value),
    autoComplete: props.autoComplete,
    placeholder: props.placeholder,
    required: props.required,
    'aria-invalid': props.error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, props),
  };
  return (
    <Frame id={id} {...props}>
      {props.type === 'password' ? (
        <input type="password" {...common} />
      ) : (
        <input type="text" inputMode={props.inputMode} {...common} />
      )}
    </Frame>
  );
}

export function TextArea(
  props: FieldFrame & {
    value: string;
    onValue: (value: string) => void;
    rows?: number;
    name?: string;
    /** Code or data (JSON): monospace, no spell checking. */
    mono?: boolean;
  },
) {
  const id = useId();
  return (
    <Frame id={id} {...props}>
      <textarea
        id={id}
        name={props.name}
        class={props.mono ? 'mono' : undefined}
        spellcheck={props.mono ? false : undefined}
        rows={props.rows ?? 4}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props)}
      />
    </Frame>
  );
}

/** A date typed as dd/mm/yyyy (the browser's date picker would show the browser's own format). */
export function DateField(props: Omit<InputProps, 'type' | 'inputMode' | 'placeholder'>) {
  const invalid = props.value.trim() !== '' && parseDateInput(props.value) === null;
  return (
    <TextField
      {...props}
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      hint={props.hint ?? 'Định dạng ngày/tháng/năm, ví dụ 29/12/2020.'}
      error={props.error ?? (invalid ? 'Ngày không hợp lệ; nhập theo dạng dd/mm/yyyy.' : null)}
    />
  );
}

export function SelectField(
  props: FieldFrame & {
    value: string;
    onValue: (value: string) => void;
    options: { value: string; label: string }[];
    name?: string;
  },
) {
  const id = useId();
  return (
    <Frame id={id} {...props}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onValue(e.currentTarget.value)}
        aria-describedby={describedBy(id, props)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function Checkbox({
  label,
  checked,
  onChange,
  name,
  value,
}: {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  value?: string;
}) {
  const id = useId();
  return (
    <div class="check">
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
    </div>
  );
}

export function Radio({
  label,
  name,
  value,
  checked,
  onSelect,
}: {
  label: ComponentChildren;
  name: string;
  value: string;
  checked: boolean;
  onSelect: (value: string) => void;
}) {
  const id = useId();
  return (
    <div class="check">
      <input id={id} type="radio" name={name} value={value} checked={checked} onChange={() => onSelect(value)} />
      <label for={id}>{label}</label>
    </div>
  );
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  const headingId = useId();
  return (
    <section class="card" id={id} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: 'neutral' | 'ok' | 'warn' | 'danger' | 'info';
  children: ComponentChildren;
}) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

/** Page heading; the router moves focus here after navigation so screen readers hear where they are. */
export function PageTitle({ children, sub }: { children: ComponentChildren; sub?: ComponentChildren }) {
  return (
    <header class="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {children}
      </h1>
      {sub ? <p class="page-sub">{sub}</p> : null}
    </header>
  );
}

export function Tabs({
  label,
  items,
  current,
}: {
  label: string;
  items: { href: string; label: string; key: string }[];
  current: string;
}) {
  return (
    <nav class="tabs" aria-label={label}>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <Link href={item.href} aria-current={item.key === current ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A horizontally scrollable table region (phone width), focusable so keyboard users can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** Progress of a count, e.g. units that have voted. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max === 0 ? 0 : Math.round((value / max) * 100);
  return (
    <div class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={`${value}/${max}`}
      >
        <div class={`progress-fill w-${Math.min(100, Math.max(0, Math.round(percent / 5) * 5))}`} />
      </div>
      <span class="progress-text">
        {label}: {value}/{max}
      </span>
    </div>
  );
}
