// Who is on the board, with their role; the owner invites existing accounts by email here.
import { useId, useState, type FormEvent } from 'react';
import { Empty, ErrorMessage } from '../components/QueryState';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { useAddMember } from '../mutations/useAddMember';

export const MembersPanel_boardFragment = graphql(`
  fragment MembersPanel_board on Board {
    id
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

export function MembersPanel({ board: boardRef }: { board: FragmentType<typeof MembersPanel_boardFragment> }) {
  const board = getFragmentData(MembersPanel_boardFragment, boardRef);

  return (
    <section className="panel" aria-label="Members">
      <h2>Members</h2>
      {board.members.length === 0 ? (
        <Empty>No members yet</Empty>
      ) : (
        <ul className="member-list">
          {board.members.map((member) => (
            <li key={member.user.id}>
              <span className="member-name">{member.user.name}</span>{' '}
              <span className="member-role">{member.role === 'OWNER' ? 'Owner' : 'Member'}</span>
            </li>
          ))}
        </ul>
      )}
      {board.viewerRole === 'OWNER' && <InviteForm boardId={board.id} />}
    </section>
  );
}

function InviteForm({ boardId }: { boardId: string }) {
  const id = useId();
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
