// The hooks and links over the app's history (router.tsx), as the pages use them.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Link, Route, Switch, useParams } from '.';
import { createMemoryHistory } from './history';
import { Router, useBlocker, useLocation, useNavigate, useSearchParams } from './router';

function Where() {
  const { pathname, search, state } = useLocation();
  return <p data-testid="where">{`${pathname}${search} ${JSON.stringify(state)}`}</p>;
}

const where = () => screen.getByTestId('where').textContent;

describe('links and hooks over the history', () => {
  it('a link pushes an entry; a link to where the user already is replaces it', async () => {
    const history = createMemoryHistory('/');
    render(
      <Router history={history}>
        <Link to="/">Boards</Link>
        <Link to="/boards/1">Launch plan</Link>
        <Where />
      </Router>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('link', { name: 'Launch plan' }));
    expect(where()).toBe('/boards/1 null');
    expect(history.action).toBe('PUSH');
    await user.click(screen.getByRole('link', { name: 'Launch plan' }));
    expect(history.action).toBe('REPLACE');
    act(() => history.go(-1));
    expect(where()).toBe('/ null');
    expect(screen.getByRole('link', { name: 'Launch plan' }).getAttribute('href')).toBe('/boards/1');
  });

  it('routes match the path and give their parameters; navigate carries state', () => {
    const history = createMemoryHistory('/boards/7/tasks/9');
    function Task() {
      const { boardId, taskId } = useParams();
      const navigate = useNavigate();
      return (
        <button type="button" onClick={() => navigate(`/boards/${boardId}`, { state: { from: taskId } })}>
          {`task ${taskId} of board ${boardId}`}
        </button>
      );
    }
    render(
      <Router history={history}>
        <Switch>
          <Route path="/boards/:boardId/tasks/:taskId">
            <Task />
          </Route>
          <Route>
            <Where />
          </Route>
        </Switch>
      </Router>,
    );
    act(() => screen.getByRole('button', { name: 'task 9 of board 7' }).click());
    expect(where()).toBe('/boards/7 {"from":"9"}');
  });

  it('useSearchParams reads the query and changes it on the same path, pushed or replaced', () => {
    const history = createMemoryHistory('/boards/1?q=brief');
    function Query() {
      const [params, setParams] = useSearchParams();
      return (
        <>
          <p data-testid="q">{params.get('q')}</p>
          <button type="button" onClick={() => setParams(new URLSearchParams({ q: 'plan', label: 'l1' }))}>
            Plan
          </button>
          <button type="button" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            Clear
          </button>
        </>
      );
    }
    render(
      <Router history={history}>
        <Query />
      </Router>,
    );
    expect(screen.getByTestId('q').textContent).toBe('brief');
    act(() => screen.getByRole('button', { name: 'Plan' }).click());
    expect(history.location.search).toBe('?q=plan&label=l1');
    expect(history.action).toBe('PUSH');
    expect(screen.getByTestId('q').textContent).toBe('plan');
    act(() => screen.getByRole('button', { name: 'Clear' }).click());
    expect(history.location).toEqual({ pathname: '/boards/1', search: '', state: null });
    expect(history.action).toBe('REPLACE');
  });

  it('useBlocker returns the navigation held, and lets it go on proceed', () => {
    const history = createMemoryHistory('/boards/1/tasks/2');
    const leaving = ({ from, to }: { from: { pathname: string }; to: { pathname: string } }) =>
      from.pathname !== to.pathname;
    function Guard() {
      const blocked = useBlocker(leaving);
      return blocked ? (
        <button type="button" onClick={blocked.proceed}>{`Leave for ${blocked.to.pathname}?`}</button>
      ) : null;
    }
    render(
      <Router history={history}>
        <Guard />
        <Where />
      </Router>,
    );
    act(() => history.navigate('/'));
    expect(where()).toBe('/boards/1/tasks/2 null');
    act(() => screen.getByRole('button', { name: 'Leave for /?' }).click());
    expect(where()).toBe('/ null');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
