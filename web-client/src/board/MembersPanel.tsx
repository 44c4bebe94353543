// Who is on the board, with their role. The owner invites existing accounts by email and removes
// members here; a member leaves the board here. Each removal asks first.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from '../routing';
import { useViewer } from '../auth/viewer';
import { Avatar } from '../components/Avatar';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Empty, ErrorMessage } from '../components/QueryState';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import type { MembersPanel_BoardFragment } from '../gql/graphql';
import { useAddMember } from '../mutations/useAddMember';
import { useRemoveMember } from '../mutations/useRemoveMember';
import { boardLeftNotice } from './notices';

export const MembersPanel_boardFragment = graphql(`
  fragment MembersPanel_board on Board {
    id
    name
    viewerRole
    members {
      role
      user {
        id
        name
        email
      }
    }
  }
`);

type Member = MembersPanel_BoardFragment['members'][number];

export function MembersPanel({ board: boardRef }: { board: FragmentType<typeof MembersPanel_boardFragment> }) {
  const board = getFragmentData(MembersPanel_boardFragment, boardRef);
  const viewerId = useViewer().data?.me?.id;
  const owner = board.viewerRole === 'OWNER';
  const heading = useRef<HTMLHeadingElement>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const removed = useRef<string | null>(null);
  const [leaving, setLeaving] = useState(false);
  const { removeMember, error, clearError } = useRemoveMember();

  // The removed member's row (and its Remove button, which had focus) is gone: focus goes to the
  // panel rather than being lost. If the server refuses, the row comes back with the reason.
  useEffect(() => {
    const id = removed.current;
    if (id === null || board.members.some((m) => m.user.id === id)) return;
    heading.current?.focus();
    removed.current = null;
  }, [board.members]);

  const remove = (member: Member) => {
    setRemoving(null);
    removed.current = member.user.id;
    void removeMember(board.id, member.user.id);
  };

  const owners = board.members.filter((m) => m.role === 'OWNER').length;
  const inviteId = useId();
  // a board of one: the owner's next step is a teammate
  const alone = owner && board.members.length === 1 && board.members[0]?.user.id === viewerId;
  return (
    <section className="panel" aria-label="Members">
      <h2 ref={heading} tabIndex={-1}>
        Members
      </h2>
      {error && <ErrorMessage error={error} onDismiss={clearError} />}
      {board.members.length === 0 ? (
        <Empty>No members yet</Empty>
      ) : (
        <ul className="member-list">
          {board.members.map((member) => (
            <li key={member.user.id}>
              <span className="member-who">
                <Avatar user={member.user} decorative /> <span className="member-name">{member.user.name}</span>
              </span>{' '}
              <span className="member-end">
                <span className="member-role">{member.role === 'OWNER' ? 'Owner' : 'Member'}</span>
                {owner && member.user.id !== viewerId && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="button-link"
                      aria-label={`Remove ${member.user.name}`}
                      onClick={() => {
                        clearError();
                        setRemoving(member);
                      }}
                    >
                      Remove
                    </button>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {alone && (
        <Empty
          hint={
            <>
              <button type="button" className="button-link" onClick={() => document.getElementById(inviteId)?.focus()}>
                Invite a teammate by email
              </button>{' '}
              below; they need an account first.
            </>
          }
        >
          Only you are on this board
        </Empty>
      )}
      {owner && <InviteForm id={inviteId} boardId={board.id} />}
      {viewerId &&
        (owner && owners <= 1 ? (
          // the API refuses it too; better said here than after trying
          <p className="form-note panel-note">
            You are this board’s only owner, so you cannot leave it. You can delete the board instead.
          </p>
        ) : (
          <button type="button" className="button-secondary leave-board" onClick={() => setLeaving(true)}>
            Leave board
          </button>
        ))}
      {removing && (
        <ConfirmDialog
          title="Remove member"
          confirmLabel="Remove member"
          onConfirm={() => remove(removing)}
          onCancel={() => setRemoving(null)}
          returnFocus={() => heading.current}
        >
          <p>
            Remove <strong>{removing.user.name}</strong> ({removing.user.email}) from this board? They will no longer
            see it, and tasks assigned to them here become unassigned. You can invite them again later.
          </p>
        </ConfirmDialog>
      )}
      {leaving && viewerId && (
        <LeaveDialog boardId={board.id} name={board.name} viewerId={viewerId} onCancel={() => setLeaving(false)} />
      )}
    </section>
  );
}

/** Leaving waits for the server: the page goes away when it agrees. */
function LeaveDialog({
  boardId,
  name,
  viewerId,
  onCancel,
}: {
  boardId: string;
  name: string;
  viewerId: string;
  onCancel: () => void;
}) {
  const navigate = useNavigate();
  const { leave, removing, error } = useRemoveMember();

  const confirm = async () => {
    // the boards list says what happened; Back does not lead to a board that is no longer the viewer's
    if (await leave(boardId, viewerId)) navigate('/', { replace: true, state: { notice: boardLeftNotice(name) } });
  };

  return (
    <ConfirmDialog
      title="Leave board"
      confirmLabel="Leave board"
      busyLabel="Leaving…"
      busy={removing}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <p>
        Leave <strong>{name}</strong>? You will no longer see it or its tasks, and tasks assigned to you here become
        unassigned. An owner can invite you again.
      </p>
    </ConfirmDialog>
  );
}

function InviteForm({ id, boardId }: { id: string; boardId: string }) {
  const [email, setEmail] = useState('');
  const [added, setAdded] = useState('');
  const { addMember, adding, error, fieldErrors, clearError } = useAddMember();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded('');
    if (!email.trim()) return;
    const member = await addMember(boardId, email);
    if (member) {
      setEmail('');
      setAdded(`${member.user.name} is now a member.`);
    }
  };

  const problem = fieldErrors.email ?? error;
  return (
    <form className="invite-form" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={id}>Invite by email</label>
      <div className="inline-fields">
        <input
          id={id}
          type="email"
          autoComplete="off"
          value={email}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(event) => {
            setEmail(event.target.value);
            if (error) clearError();
          }}
        />
        <button type="submit" disabled={adding}>
          Invite
        </button>
      </div>
      {problem && (
        <div id={`${id}-error`}>
          <ErrorMessage error={problem} />
        </div>
      )}
      <p className="form-note" aria-live="polite">
        {added}
      </p>
    </form>
  );
}
