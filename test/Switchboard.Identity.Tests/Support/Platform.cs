// File modes (0600 keys) and the openssl command line are what these tests check: they run on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
