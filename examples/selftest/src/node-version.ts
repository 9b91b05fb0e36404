// Which Node runs the examples here (in a WebContainer it is StackBlitz's, not the one the snapshot asked for).
console.log(`node ${process.version} on ${process.platform}/${process.arch}`);
