package export

// StampForTest exposes stamp to the external tests.
var StampForTest = stamp
