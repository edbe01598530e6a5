module.exports = {
  displayName: 'match',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
