import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../api/client';

/**
 * Every page of the app. Each page is its own lazily loaded chunk, so the initial JavaScript holds
 * only the shell. `roles`: who may open it (absent = public, e.g. sign-in); `nav`: its label in the
 * area's navigation (absent = reached by links only).
 */
export interface RouteDef {
  path: string;
  title: string;
  page: LazyExoticComponent<ComponentType>;
  roles?: Role[];
  nav?: string;
}

const ALL: Role[] = ['client', 'therapist', 'admin'];

export const routes: RouteDef[] = [
  // public
  { path: '/sign-in', title: 'Sign in', page: lazy(() => import('../pages/public/SignIn')) },
  { path: '/sign-up', title: 'Create an account', page: lazy(() => import('../pages/public/SignUp')) },

  // everyone signed in
  { path: '/account', title: 'Your account', page: lazy(() => import('../pages/account/WhoAmI')), roles: ALL, nav: 'Account' },
  { path: '/account/password', title: 'Change your password', page: lazy(() => import('../pages/account/ChangePassword')), roles: ALL },
  { path: '/account/security', title: 'Sign-in security', page: lazy(() => import('../pages/account/SecondFactors')), roles: ALL },

  // client portal (UX.md page map)
  { path: '/client', title: 'Home', page: lazy(() => import('../pages/client/Home')), roles: ['client'], nav: 'Home' },
  { path: '/client/book', title: 'Book a session', page: lazy(() => import('../pages/client/Book')), roles: ['client'], nav: 'Book' },
  { path: '/client/sessions', title: 'Sessions', page: lazy(() => import('../pages/client/Sessions')), roles: ['client'], nav: 'Sessions' },
  { path: '/client/journal', title: 'Journal', page: lazy(() => import('../pages/client/Journal')), roles: ['client'], nav: 'Journal' },
  { path: '/client/questionnaires', title: 'Questionnaires', page: lazy(() => import('../pages/client/Questionnaires')), roles: ['client'], nav: 'Questionnaires' },
  { path: '/client/sharing', title: 'Sharing', page: lazy(() => import('../pages/client/Sharing')), roles: ['client'], nav: 'Sharing' },
  { path: '/client/therapists', title: 'My therapists', page: lazy(() => import('../pages/client/Therapists')), roles: ['client'], nav: 'Therapists' },
  { path: '/client/messages', title: 'Messages', page: lazy(() => import('../pages/client/Messages')), roles: ['client'], nav: 'Messages' },
  { path: '/client/settings', title: 'Settings', page: lazy(() => import('../pages/client/Settings')), roles: ['client'], nav: 'Settings' },

  // therapist workspace
  { path: '/therapist', title: 'Today', page: lazy(() => import('../pages/therapist/Today')), roles: ['therapist'], nav: 'Today' },
  { path: '/therapist/availability', title: 'Calendar and availability', page: lazy(() => import('../pages/therapist/Availability')), roles: ['therapist'], nav: 'Availability' },
  { path: '/therapist/requests', title: 'Requests', page: lazy(() => import('../pages/therapist/Requests')), roles: ['therapist'], nav: 'Requests' },
  { path: '/therapist/sessions', title: 'Sessions', page: lazy(() => import('../pages/therapist/Sessions')), roles: ['therapist'], nav: 'Sessions' },
  { path: '/therapist/clients', title: 'Clients', page: lazy(() => import('../pages/therapist/Clients')), roles: ['therapist'], nav: 'Clients' },
  { path: '/therapist/messages', title: 'Messages', page: lazy(() => import('../pages/therapist/Messages')), roles: ['therapist'], nav: 'Messages' },
  { path: '/therapist/sessions/:sessionId', title: 'Session', page: lazy(() => import('../pages/therapist/SessionPage')), roles: ['therapist'] },
  { path: '/therapist/clients/:clientId', title: 'Client', page: lazy(() => import('../pages/therapist/ClientPage')), roles: ['therapist'] },
  { path: '/therapist/messages/:userId', title: 'Conversation', page: lazy(() => import('../pages/therapist/MessageThread')), roles: ['therapist'] },
  { path: '/therapist/dashboard', title: 'Dashboard', page: lazy(() => import('../pages/therapist/Dashboard')), roles: ['therapist'], nav: 'Dashboard' },
  { path: '/therapist/settings', title: 'Settings', page: lazy(() => import('../pages/therapist/Settings')), roles: ['therapist'], nav: 'Settings' },

  // both parties of a session (issue #18)
  { path: '/call/:sessionId', title: 'Video call', page: lazy(() => import('../pages/call/Call')), roles: ['client', 'therapist'] },

  // admin
  { path: '/admin', title: 'Therapists to verify', page: lazy(() => import('../pages/admin/Therapists')), roles: ['admin'], nav: 'Therapists' },
  { path: '/admin/users', title: 'Users', page: lazy(() => import('../pages/admin/Users')), roles: ['admin'], nav: 'Users' },
  { path: '/admin/practice', title: 'Practice analytics', page: lazy(() => import('../pages/admin/Practice')), roles: ['admin'], nav: 'Practice' },
];

/** Where a signed-in user lands. */
export function homeOf(role: Role): string {
  return role === 'admin' ? '/admin' : role === 'therapist' ? '/therapist' : '/client';
}
