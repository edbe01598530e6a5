module.exports = {
  displayName: 'solver',
  preset: '../jest.preset.js',
  rootDir: __dirname,
};
