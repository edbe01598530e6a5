import { da, en, MailDataError, render, templateValues } from './index';

const data = {
  name: 'Ana <Berg>',
  organisationName: 'Nordic & Clusters',
  invitedBy: 'Bo Lund',
  role: 'viewer' as const,
  link: 'https://cm.example.org/organiser-invitation?token=abc&x=1',
  expiresDays: 7,
};

describe('organiser-invitation', () => {
  it('names the organisation, the inviter, the role and the link, escaped in HTML (English)', () => {
    const m = render('organiser-invitation', data);
    expect(m.subject).toBe('You are invited to organise with Nordic & Clusters on clustermatch');
    expect(m.text).toContain('Hello Ana <Berg>,');
    expect(m.text).toContain(
      `Bo Lund invites you to join Nordic & Clusters on clustermatch as ${en.organiserInvitation.roles.viewer}`,
    );
    expect(m.text).toContain(
      `${en.organiserInvitation.button}: https://cm.example.org/organiser-invitation?token=abc&x=1`,
    );
    expect(m.text).toContain('expires in 7 days');
    expect(m.html).toContain('Ana &lt;Berg&gt;');
    expect(m.html).toContain('Nordic &amp; Clusters');
    expect(m.html).toContain('href="https://cm.example.org/organiser-invitation?token=abc&amp;x=1"');
    expect(m.html).not.toContain('<Berg>');
  });

  it('speaks Danish, role included, and falls back to "a colleague" without an inviter', () => {
    const m = render('organiser-invitation', { ...data, invitedBy: '  ', role: 'owner' }, { language: 'da' });
    expect(m.subject).toBe('Du er inviteret til at arrangere med Nordic & Clusters på clustermatch');
    expect(m.text).toContain(
      `En kollega inviterer dig til Nordic & Clusters på clustermatch som ${da.organiserInvitation.roles.owner}`,
    );
    expect(m.text).toContain('udløber om 7 dage');
    expect(m.text).not.toContain(en.organiserInvitation.button);
  });

  it('refuses bad data naming the field', () => {
    expect(() => render('organiser-invitation', { ...data, link: 'javascript:alert(1)' })).toThrow(MailDataError);
    expect(() => render('organiser-invitation', { ...data, expiresDays: 0 })).toThrow(/^expiresDays: /);
    expect(() => render('organiser-invitation', { ...data, organisationName: ' ' })).toThrow(/^organisationName: /);
    expect(() => render('organiser-invitation', { ...data, role: 'admin' as unknown as 'owner' })).toThrow(/^role: /);
  });

  it('gives its values as placeholders', () => {
    expect(templateValues('organiser-invitation', data, 'da')).toMatchObject({
      organisation: 'Nordic & Clusters',
      role: da.organiserInvitation.roles.viewer,
      days: 7,
    });
  });
});
