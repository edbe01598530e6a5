import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../lib/session';
import { api, unwrap, type Schema } from './client';
import { queryKeys } from './keys';

export type Organiser = Schema<'OrganiserResponse'>;
export type OrganiserInvitation = Schema<'OrganiserInvitationResponse'>;
export type OrganiserRole = Organiser['role'];

/** The organisers of the signed-in organiser's organisation (every role may read). */
export function useOrganisers() {
  return useQuery({ queryKey: queryKeys.organisers.list(), queryFn: () => unwrap(api().GET('/api/organisers')) });
}

/** The pending invitations (owners only: `enabled` is false for the other roles). */
export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.organisers.invitations(),
    queryFn: () => unwrap(api().GET('/api/organisers/invitations')),
    enabled,
  });
}

function useInvalidateOrganisers() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: queryKeys.organisers.all() })]);
}

export function useInviteOrganiser() {
  const invalidate = useInvalidateOrganisers();
  return useMutation({
    mutationFn: (body: Schema<'InviteOrganiserDto'>) => unwrap(api().POST('/api/organisers/invitations', { body })),
    onSuccess: invalidate,
  });
}

export function useResendInvitation() {
  const invalidate = useInvalidateOrganisers();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(api().POST('/api/organisers/invitations/{invitationId}/resend', { params: { path: { invitationId } } })),
    onSuccess: invalidate,
  });
}

export function useRevokeInvitation() {
  const invalidate = useInvalidateOrganisers();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(api().DELETE('/api/organisers/invitations/{invitationId}', { params: { path: { invitationId } } })),
    onSuccess: invalidate,
  });
}

export function useSetOrganiserRole() {
  const invalidate = useInvalidateOrganisers();
  return useMutation({
    mutationFn: ({ organiserId, role }: { organiserId: string; role: OrganiserRole }) =>
      unwrap(api().PATCH('/api/organisers/{organiserId}', { params: { path: { organiserId } }, body: { role } })),
    onSuccess: invalidate,
  });
}

export function useRemoveOrganiser() {
  const invalidate = useInvalidateOrganisers();
  return useMutation({
    mutationFn: (organiserId: string) =>
      unwrap(api().DELETE('/api/organisers/{organiserId}', { params: { path: { organiserId } } })),
    onSuccess: invalidate,
  });
}

/** Who an invitation link invites; an unusable link is an error (no retries: the answer will not change). */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: queryKeys.organiserInvitation(token),
    queryFn: () => unwrap(api().POST('/api/organiser-invitations/preview', { body: { token } })),
    retry: false,
    staleTime: Infinity,
  });
}

/** Sets the password with the invitation link (it works once) and signs the new organiser in. */
export function useAcceptInvitation() {
  const { signIn } = useSession();
  return useMutation({
    mutationFn: async (body: Schema<'AcceptOrganiserInvitationDto'>) =>
      signIn((await unwrap(api().POST('/api/organiser-invitations/accept', { body }))).accessToken),
  });
}
