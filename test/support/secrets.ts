export async function testSecrets() { return {}; }
