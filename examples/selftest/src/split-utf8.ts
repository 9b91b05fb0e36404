// One line of Chinese written in two pieces cut inside a character ("好" is 3 bytes; the cut falls after its
// first byte). Whatever shows the output must put the character back together, not print "�".
const line = Buffer.from('你好，世界！\n');
process.stdout.write(line.subarray(0, 4));
setTimeout(() => process.stdout.write(line.subarray(4)), 200);
