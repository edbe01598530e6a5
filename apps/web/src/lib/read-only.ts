import { useSession } from './session';

/** True for an organiser with the viewer role (partners, funders): pages show data but offer no changes. */
export function useReadOnly(): boolean {
  const { me } = useSession();
  return me?.kind === 'organiser' && me.role === 'viewer';
}
