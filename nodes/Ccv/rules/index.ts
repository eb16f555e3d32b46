// The CCV rules the credential, the transport and the schemas share: which environment a key is
// for, which API a request is for, and where CCV can call back. Each rule lives here once.
export * from './api';
export * from './address';
export * from './key';
export * from './webhookUrl';
