// Adds a task at the end of a column. The field keeps focus, so several tasks can be typed in a row.
import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/QueryState';
import type { TaskStatus } from '../gql/graphql';
import { useCreateTask } from '../mutations/useCreateTask';

export function NewTaskForm({ boardId, status }: { boardId: string; status: TaskStatus }) {
  const id = useId();
  const [title, setTitle] = useState('');
  const { createTask, error, clearError } = useCreateTask();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = title.trim();
    if (!text) return;
    setTitle('');
    // the card appears at once; if the server refuses, it goes away and the error says why
    void createTask({ boardId, status, title: text }).then((created) => {
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
