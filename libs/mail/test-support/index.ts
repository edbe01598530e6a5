/**
 * Test support for mail (`@clustermatch/mail/testing`): a real SMTP server on 127.0.0.1, a small
 * MIME reader and an in-memory outbox store.
 */
export * from './mime';
export * from './memory-outbox';
export * from './smtp';
