// The agent's file-system layer is Linux-only (libc P/Invoke); so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
