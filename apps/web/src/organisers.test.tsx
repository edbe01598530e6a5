/**
 * Issue 9, item 1: the organisers page (owners invite, change roles, remove, resend and revoke; others read) and the
 * page an invitation's link opens (the invitee sets a password), against the real service (e2e/service.ts).
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../e2e/service';
import type { Me } from './api/auth';
import { getToken, setApiBase, setToken } from './api/client';
import { useI18n } from './i18n';
import { useSession } from './lib/session';
import { OrganiserInvitationPage } from './pages/OrganiserInvitationPage';
import { OrganisersPage } from './pages/organiser/OrganisersPage';
import { renderWithApp } from './test-utils';

type OrganiserMe = Extract<Me, { kind: 'organiser' }>;

let svc: RunningService;
let ownerToken: string;
let owner: OrganiserMe;

async function call<T>(path: string, token: string | null, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${svc.url}/api${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The owner invites `email` through the API; the token of the link in the mail. */
async function invited(email: string, role: 'owner' | 'organiser' | 'viewer'): Promise<string> {
  const since = svc.logs.length;
  await call('/organisers/invitations', ownerToken, { email, name: `Name of ${email}`, role });
  const link = await svc.magicLink(email, since, '/organiser-invitation');
  return new URL(link).searchParams.get('token') ?? '';
}

beforeAll(async () => {
  svc = await startService();
  setApiBase(svc.url);
  ownerToken = (await call<{ accessToken: string }>('/auth/login', null, svc.organiser)).accessToken;
  owner = await call<OrganiserMe>('/auth/me', ownerToken);
}, 120_000);

afterAll(async () => {
  await svc?.stop();
});

beforeEach(() => setToken(null));

describe('OrganisersPage', () => {
  it('lets the owner invite (mail in the chosen language), resend, revoke, change a role and remove after asking', async () => {
    setToken(ownerToken);
    const user = userEvent.setup();
    renderWithApp(<OrganisersPage me={owner} />);
    const form = await screen.findByRole('form', { name: 'Invite an organiser' });
    await user.type(within(form).getByLabelText('E-mail'), 'ada@partner.example.org');
    await user.type(within(form).getByLabelText('Name'), 'Ada Berg');
    await user.selectOptions(within(form).getByLabelText('Role'), 'viewer');
    await user.selectOptions(within(form).getByLabelText('Language of the mail'), 'da');
    const since = svc.logs.length;
    await user.click(within(form).getByRole('button', { name: 'Send the invitation' }));
    await screen.findByText('Invitation sent to ada@partner.example.org.');
    const pending = screen.getByRole('region', { name: 'Pending invitations' });
    await within(pending).findByText('ada@partner.example.org');
    expect(within(pending).getByText('Viewer (read-only)')).toBeTruthy();
    // The mail is Danish, as chosen.
    const first = await svc.magicLink('ada@partner.example.org', since, '/organiser-invitation');
    const preview = await call<{ language: string; role: string }>('/organiser-invitations/preview', null, {
      token: new URL(first).searchParams.get('token'),
    });
    expect(preview).toMatchObject({ language: 'da', role: 'viewer' });

    // The same address again while it has an account: the field says so.
    await user.type(within(form).getByLabelText('E-mail'), svc.organiser.email);
    await user.type(within(form).getByLabelText('Name'), 'Me');
    await user.click(within(form).getByRole('button', { name: 'Send the invitation' }));
    await within(form).findByText('already has an organiser account');

    // Resend: a new link, the old one refused.
    const again = svc.logs.length;
    await user.click(within(pending).getByRole('button', { name: 'Resend ada@partner.example.org' }));
    await screen.findByText('A new link was sent to ada@partner.example.org; the old one no longer works.');
    const second = await svc.magicLink('ada@partner.example.org', again, '/organiser-invitation');
    expect(second).not.toBe(first);
    await expect(
      call('/organiser-invitations/preview', null, { token: new URL(first).searchParams.get('token') }),
    ).rejects.toThrow(/401/);

    // Revoke asks first; then the invitation leaves the list.
    await user.click(within(pending).getByRole('button', { name: 'Revoke ada@partner.example.org' }));
    const ask = await screen.findByRole('alertdialog');
    expect(ask.textContent).toContain('Revoke the invitation of ada@partner.example.org?');
    await user.click(within(ask).getByRole('button', { name: 'Yes, revoke' }));
    await screen.findByText('The invitation of ada@partner.example.org was revoked.');
    await within(pending).findByText('No invitation is waiting for an answer.');

    // An organiser who accepted: the owner changes the role, then removes them after a confirmation.
    const token = await invited('bo@partner.example.org', 'organiser');
    await call('/organiser-invitations/accept', null, { token, password: 'bo-long-password' });
    renderWithApp(<OrganisersPage me={owner} />);
    const role = await screen.findByLabelText('Role of Name of bo@partner.example.org');
    await user.selectOptions(role, 'viewer');
    await screen.findByText(/The role of Name of bo@partner.example.org is now Viewer/);
    const list = await call<{ email: string; role: string }[]>('/organisers', ownerToken);
    expect(list.find((o) => o.email === 'bo@partner.example.org')?.role).toBe('viewer');
    await user.click(screen.getByRole('button', { name: 'Remove Name of bo@partner.example.org' }));
    const confirm = await screen.findByRole('alertdialog');
    await user.click(within(confirm).getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(screen.queryByText('bo@partner.example.org')).toBeNull());
    const after = await call<{ email: string }[]>('/organisers', ownerToken);
    expect(after.map((o) => o.email)).not.toContain('bo@partner.example.org');
  });

  it('shows other roles the organisers read-only, without invitations', async () => {
    const token = await invited('cy@partner.example.org', 'organiser');
    const signedIn = await call<{ accessToken: string }>('/organiser-invitations/accept', null, {
      token,
      password: 'cy-long-password',
    });
    setToken(signedIn.accessToken);
    const me = await call<OrganiserMe>('/auth/me', signedIn.accessToken);
    renderWithApp(<OrganisersPage me={me} />, { lang: 'da' });
    await screen.findByText('Kun en ejer kan invitere arrangører, ændre deres roller eller fjerne dem.');
    await screen.findByText('Name of cy@partner.example.org');
    expect(screen.queryByRole('form', { name: 'Invitér en arrangør' })).toBeNull();
    // Only their own language is theirs to set.
    expect(screen.getAllByRole('form').map((f) => f.getAttribute('aria-labelledby'))).toEqual([
      'organiser-language-title',
    ]);
    expect(screen.queryByRole('region', { name: 'Ventende invitationer' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Fjern/ })).toBeNull();
  });
});

describe("the organiser's own language (issue 16)", () => {
  it('is saved to the account, switches the app at once, and the app follows it at the next sign-in', async () => {
    const token = await invited('eva@partner.example.org', 'viewer');
    const signedIn = await call<{ accessToken: string }>('/organiser-invitations/accept', null, {
      token,
      password: 'evas-long-password',
    });
    setToken(signedIn.accessToken);
    const me = await call<OrganiserMe>('/auth/me', signedIn.accessToken);
    expect(me.language).toBeNull();
    const user = userEvent.setup();
    const first = renderWithApp(<OrganisersPage me={me} />);
    const form = await screen.findByRole('form', { name: 'Your language' });
    const select = within(form).getByLabelText("Language of your e-mails, of the service's messages and of this app");
    expect((select as HTMLSelectElement).value).toBe('');
    await user.selectOptions(select, 'da');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    // Saved: the page speaks Danish at once, and the account holds the choice.
    await screen.findByRole('heading', { name: 'Arrangører', level: 1 });
    await screen.findByText('Gemt.');
    expect((await call<OrganiserMe>('/auth/me', signedIn.accessToken)).language).toBe('da');
    first.unmount();

    // A later sign-in (in English until then) switches the app to the saved language.
    setToken(null);
    function SignIn(): ReactNode {
      const { signIn, me: who } = useSession();
      const { t } = useI18n();
      return (
        <>
          <h1>{t('organisers.title')}</h1>
          <button type="button" onClick={() => void signIn(signedIn.accessToken)}>
            sign in
          </button>
          {who ? <p>signed in</p> : null}
        </>
      );
    }
    renderWithApp(<SignIn />);
    await screen.findByRole('heading', { name: 'Organisers' });
    await user.click(screen.getByRole('button', { name: 'sign in' }));
    await screen.findByRole('heading', { name: 'Arrangører' });

    // Back to none chosen, through the API: the next sign-in leaves the app's language alone.
    await call('/auth/me', signedIn.accessToken, { language: null }, 'PATCH');
  });
});

describe('OrganiserInvitationPage', () => {
  it('shows the invitation, checks the repeated password, creates the account and signs in', async () => {
    const token = await invited('dan@partner.example.org', 'viewer');
    const user = userEvent.setup();
    const { router } = renderWithApp(null, {
      path: '/organiser-invitation',
      routes: [
        { path: '/organiser-invitation', element: <OrganiserInvitationPage token={token} /> },
        { path: '/', element: <p>start page</p> },
      ],
    });
    await screen.findByText(/invited to organise with Demo organisation as Viewer \(read-only\)/);
    expect((screen.getByLabelText('Your e-mail (you sign in with it)') as HTMLInputElement).value).toBe(
      'dan@partner.example.org',
    );
    await user.clear(screen.getByLabelText('Your name'));
    await user.type(screen.getByLabelText('Your name'), 'Dan Holm');
    await user.type(screen.getByLabelText('Password', { exact: true }), 'dans-long-password');
    await user.type(screen.getByLabelText('Repeat the password'), 'dans-other-password');
    await user.click(screen.getByRole('button', { name: 'Set the password and sign in' }));
    await screen.findByText('The two passwords differ.');
    await user.clear(screen.getByLabelText('Repeat the password'));
    await user.type(screen.getByLabelText('Repeat the password'), 'dans-long-password');
    await user.click(screen.getByRole('button', { name: 'Set the password and sign in' }));
    await screen.findByText('start page');
    expect(router.state.location.pathname).toBe('/');
    const me = await call<OrganiserMe>('/auth/me', getToken());
    expect(me).toMatchObject({ email: 'dan@partner.example.org', name: 'Dan Holm', role: 'viewer' });
    // The password signs in from now on.
    await call('/auth/login', null, { email: 'dan@partner.example.org', password: 'dans-long-password' });
  });

  it('says in Danish when the link cannot be used', async () => {
    renderWithApp(<OrganiserInvitationPage token={'x'.repeat(43)} />, { lang: 'da' });
    await screen.findByText(/Dette invitationslink er ugyldigt, brugt, tilbagekaldt eller udløbet/);
    expect(screen.getByRole('link', { name: 'Gå til login-siden' })).toBeTruthy();
  });
});
