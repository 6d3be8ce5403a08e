import { useId, useState } from 'react';

/**
 * Demo sign-in: any user name. The mock server's development route mints the
 * token; a real app signs in with its identity provider instead.
 */
export function SignIn({ onSignIn }: { onSignIn: (userId: string) => void }) {
  const [name, setName] = useState('');
  const inputId = useId();
  const hintId = useId();
  return (
    <main className="sign-in">
      <h1>Kilo Chat</h1>
      <p>Sign in as a demo user. Open a second window as another user to chat with each other and the bot.</p>
      <div className="sign-in-quick" role="group" aria-label="Demo users">
        <button type="button" className="primary" onClick={() => onSignIn('alice')}>
          Sign in as alice
        </button>
        <button type="button" onClick={() => onSignIn('bob')}>
          Sign in as bob
        </button>
      </div>
      <form
        className="sign-in-form"
        onSubmit={(event) => {
          event.preventDefault();
          const userId = name.trim();
          if (userId) onSignIn(userId);
        }}
      >
        <label htmlFor={inputId}>Or any name</label>
        <div className="row">
          <input
            id={inputId}
            aria-describedby={hintId}
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="username"
            placeholder="carol"
          />
          <button type="submit" disabled={name.trim() === ''}>
            Sign in
          </button>
        </div>
        <p id={hintId} className="hint">
          alice owns the demo sandbox; bob is in its Team chat.
        </p>
      </form>
    </main>
  );
}
