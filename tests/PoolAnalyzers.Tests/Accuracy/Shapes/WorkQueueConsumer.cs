// Shape: (negative) a BlockingCollection work queue: producers Enqueue jobs (Add), a dedicated consumer thread drains GetConsumingEnumerable(); nothing is ever put back, so it is not a pool.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shapes.WorkQueueConsumer;

public sealed record EmailJob(string To, string Subject, string Body);

public sealed class EmailOutbox : IDisposable
{
    private readonly BlockingCollection<EmailJob> _queue = new BlockingCollection<EmailJob>();
    private readonly Thread _consumer;

    public EmailOutbox()
    {
        _consumer = new Thread(Drain) { IsBackground = true, Name = "email-outbox" };
        _consumer.Start();
    }

    public void Enqueue(EmailJob job) => _queue.Add(job);

    public void Dispose()
    {
        _queue.CompleteAdding();
        _consumer.Join();
        _queue.Dispose();
    }

    private void Drain()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            try
            {
                Send(job);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Could not send '{job.Subject}' to {job.To}: {ex.Message}");
            }
        }
    }

    private static void Send(EmailJob job) => Console.WriteLine($"SMTP -> {job.To}: {job.Subject}");
}

public sealed class SignupService
{
    private readonly EmailOutbox _outbox;

    public SignupService(EmailOutbox outbox) => _outbox = outbox;

    public async Task RegisterAsync(string email)
    {
        await SaveUserAsync(email);
        _outbox.Enqueue(new EmailJob(email, "Welcome!", "Thanks for signing up."));
    }

    private static Task SaveUserAsync(string email) => Task.Delay(5);
}
