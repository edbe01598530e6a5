/** Test support for mail: a real SMTP server on 127.0.0.1 and a small MIME reader (`@clustermatch/mail/testing`). */
export * from './mime';
export * from './smtp';
