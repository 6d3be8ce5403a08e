import { createContext, useContext } from 'react';
import type { ChatSession } from '../session.js';

export const SessionContext = createContext<ChatSession | null>(null);

/** The signed-in session (user id, clients). */
export function useSession(): ChatSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession: no signed-in session');
  return session;
}
