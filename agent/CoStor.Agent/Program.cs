Console.WriteLine("costor-agent");
