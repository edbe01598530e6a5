export * from '@clustermatch/domain';
