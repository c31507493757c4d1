// CoStor runs on Linux only (appliance image and agents use Linux file-system semantics).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
