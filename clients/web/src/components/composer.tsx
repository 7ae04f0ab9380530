import type { Member } from '@chat/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatBytes } from '../lib/format';
import { completeMention, MAX_TEXT, mentionAt, mentionCandidates, sendableText } from '../lib/text';
import type { RoomModel } from '../model/room-model';
import { Avatar, Icon } from './common';

interface Upload {
  key: string;
  file: File;
  preview: string | undefined;
  attachmentId?: string;
  error?: string;
}

const ACCEPT = 'image/*,application/pdf,text/plain';
const MAX_SIZE = 25 * 1024 * 1024;

/**
 * The message box: Enter sends, Shift+Enter is a new line; `@` offers the room's members (arrows, Enter or Tab
 * to pick, Escape to close); files are uploaded as soon as they are picked and sent with the message.
 */
export function Composer({
  model,
  placeholder,
  threadId,
  id,
}: {
  model: RoomModel;
  placeholder: string;
  threadId?: string;
  id: string;
}) {
  const [text, setText] = useState('');
  const [mention, setMention] = useState<{ start: number; query: string }>();
  const [choice, setChoice] = useState(0);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const files = useRef<HTMLInputElement>(null);

  // on a desktop the room opens ready to type (a phone's keyboard would cover the room)
  useEffect(() => {
    if (matchMedia('(min-width: 761px)').matches) input.current?.focus();
  }, []);

  const candidates: Member[] = mention
    ? mentionCandidates(
        model.members.filter((m) => m.userId !== model.myId),
        mention.query,
      )
    : [];
  const open = candidates.length > 0;

  const update = (value: string, caret: number) => {
    setText(value);
    setMention(mentionAt(value, caret));
    setChoice(0);
    if (value) model.typingNow();
  };

  const pick = (member: Member) => {
    if (!mention || !input.current) return;
    const caret = input.current.selectionStart ?? text.length;
    const next = completeMention(text, mention.start, caret, member.username);
    // The field and its caret change at once, before the next keystroke: a key typed right after the
    // completion lands after the name, not where the caret was before the (asynchronous) re-render.
    const field = input.current;
    field.value = next.text;
    field.setSelectionRange(next.caret, next.caret);
    field.focus();
    setText(next.text);
    setMention(undefined);
  };

  const uploading = uploads.some((u) => !u.attachmentId && !u.error);
  const ready = uploads.filter((u) => u.attachmentId).map((u) => u.attachmentId as string);

  const send = () => {
    if (uploading) return;
    const body = sendableText(text, ready.length > 0);
    if (body === undefined) return;
    model.send(body, {
      ...(threadId ? { threadId } : {}),
      ...(ready.length ? { attachmentIds: ready } : {}),
    });
    for (const u of uploads) if (u.preview) URL.revokeObjectURL(u.preview);
    setText('');
    setUploads([]);
    setMention(undefined);
  };

  const addFiles = (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : undefined;
      const tooBig = file.size > MAX_SIZE ? 'larger than 25 MB' : undefined;
      setUploads((all) => [...all, { key, file, preview, ...(tooBig ? { error: tooBig } : {}) }]);
      if (tooBig) continue;
      model.upload(file).then(
        (attachmentId) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, attachmentId } : u))),
        (error: Error) =>
          setUploads((all) => all.map((u) => (u.key === key ? { ...u, error: error.message } : u))),
      );
    }
    if (files.current) files.current.value = '';
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setChoice((choice + step + candidates.length) % candidates.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(candidates[choice] as Member);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(undefined);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const listId = `${id}-mentions`;
  const over = text.length > MAX_TEXT;
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        addFiles(e.dataTransfer?.files ?? null);
      }}
    >
      {open && (
        <ul class="mention-list" id={listId} role="listbox" aria-label="People to mention">
          {candidates.map((member, index) => (
            <li
              key={member.userId}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === choice}
              class={index === choice ? 'selected' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(member);
              }}
            >
              <Avatar id={member.userId} name={member.username} size={22} />
              {member.username}
            </li>
          ))}
        </ul>
      )}
      {uploads.length > 0 && (
        <ul class="upload-list" aria-label="Attachments to send">
          {uploads.map((u) => (
            <li key={u.key} class={u.error ? 'failed' : u.attachmentId ? 'done' : 'busy'}>
              {u.preview ? <img src={u.preview} alt="" /> : <Icon name="clip" size={16} />}
              <span class="file-name">{u.file.name}</span>
              <span class="muted small">
                {u.error ? `Failed: ${u.error}` : u.attachmentId ? formatBytes(u.file.size) : 'Uploading…'}
              </span>
              <button
                type="button"
                class="icon-button small"
                aria-label={`Remove ${u.file.name}`}
                onClick={() => setUploads((all) => all.filter((x) => x.key !== u.key))}
              >
                <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="composer-row">
        <button
          type="button"
          class="icon-button"
          aria-label="Attach a file"
          onClick={() => files.current?.click()}
        >
          <Icon name="clip" />
        </button>
        <input
          ref={files}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(e) => addFiles(e.currentTarget.files)}
          data-testid={`${id}-file`}
        />
        <label class="sr-only" for={id}>
          {placeholder}
        </label>
        <textarea
          ref={input}
          id={id}
          rows={1}
          value={text}
          placeholder={placeholder}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${choice}` : undefined}
          aria-invalid={over}
          onInput={(e) => update(e.currentTarget.value, e.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
          onBlur={() => setMention(undefined)}
        />
        <button
          type="submit"
          class="send-button"
          aria-label="Send"
          disabled={uploading || over || sendableText(text, ready.length > 0) === undefined}
        >
          <Icon name="send" />
        </button>
      </div>
      {over && (
        <p class="form-error small" role="alert">
          {text.length - MAX_TEXT} characters too long.
        </p>
      )}
    </form>
  );
}
