package registry

// LockKey exposes the registration lock to tests that hold it.
var LockKey = lockKey
