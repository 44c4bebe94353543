// Adds a task at the top of a column (where the form is, above its cards, which scroll below it). The field
// keeps focus, so several tasks can be typed in a row.
import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/QueryState';
import { useCreateTask } from '../mutations/useCreateTask';

export function NewTaskForm({ boardId, columnId }: { boardId: string; columnId: string }) {
  const id = useId();
  const [title, setTitle] = useState('');
  const { createTask, error, clearError } = useCreateTask();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = title.trim();
    if (!text) return;
    setTitle('');
    // the card appears at once; if the server refuses, it goes away and the error says why
    void createTask({ boardId, columnId, title: text }).then((created) => {
      if (!created) setTitle((current) => current || text);
    });
  };

  return (
    <form className="new-task" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        New task title
      </label>
      <input
        id={id}
        type="text"
        value={title}
        maxLength={191}
        placeholder="New task…"
        autoComplete="off"
        onChange={(event) => {
          setTitle(event.target.value);
          if (error) clearError();
        }}
      />
      <button type="submit" className="button-secondary">
        Add task
      </button>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}
