using System.Globalization;
using System.Text;
using Chainweave.Api.Rpc;
using Chainweave.Core.Errors;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Chainweave.Node.Api;

/// <summary>
/// The HTTP/JSON encoding of <see cref="ChainApi"/>: the protobuf messages in their canonical JSON
/// form (bytes as base64, names in lowerCamelCase). Errors answer {"code","message"}.
/// </summary>
public static class HttpApi
{
    private const int MaxBodyBytes = 4 << 20;
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    public static void Map(IEndpointRouteBuilder routes, ChainApi api, Func<bool> ready)
    {
        routes.MapGet("/healthz", () => ready() ? Results.Text("ok") : Results.Text("starting", statusCode: 503));
        routes.MapGet("/v1/chain", () => Json(api.GetChainInfo()));
        routes.MapGet("/v1/blocks/{id}", (string id) => Guard(() => Json(api.GetBlock(ParseBlockId(id)))));
        routes.MapGet("/v1/blocks/hash/{hash}", (string hash) => Guard(() => Json(api.GetBlock(new GetBlockRequest { Hash = ByteString.CopyFrom(ParseHex(hash, "block hash")) }))));
        routes.MapGet("/v1/tx/{txId}", (string txId) => Guard(() => Json(api.GetTx(ParseHex(txId, "transaction id")))));
        routes.MapPost("/v1/tx", async (HttpContext context) =>
        {
            var request = await ReadAsync(context, SubmitRequest.Parser).ConfigureAwait(false);
            if (request.Error is not null)
            {
                return request.Error;
            }

            var response = await api.SubmitAsync(request.Message!.Envelope.Memory, request.Message.Wait, request.Message.TimeoutMs, context.RequestAborted).ConfigureAwait(false);
            return Json(response, response.Status == SubmitStatus.Rejected ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
        });
        routes.MapPost("/v1/query", async (HttpContext context) =>
        {
            var request = await ReadAsync(context, QueryRequest.Parser).ConfigureAwait(false);
            if (request.Error is not null)
            {
                return request.Error;
            }

            var response = api.Query(request.Message!);
            return Json(response, response.Code.Length == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        });
        routes.MapGet("/v1/events", (HttpContext context) => ServerSentEvents.StreamAsync(context, api, Formatter));
    }

    public static IResult Error(string code, string message, int status) =>
        Results.Json(new ErrorBody(code, message), statusCode: status);

    private static IResult Json(IMessage message, int status = StatusCodes.Status200OK) =>
        Results.Text(Formatter.Format(message), "application/json", Encoding.UTF8, status);

    private static async Task<(T? Message, IResult? Error)> ReadAsync<T>(HttpContext context, MessageParser<T> parser)
        where T : IMessage<T>, new()
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (default, Error(ErrorCodes.MalformedRequest, $"The request body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge));
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), context.RequestAborted).ConfigureAwait(false);
        if (read > MaxBodyBytes)
        {
            return (default, Error(ErrorCodes.MalformedRequest, $"The request body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge));
        }

        try
        {
            return (Parser.Parse<T>(new string(buffer, 0, read)), null);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return (default, Error(ErrorCodes.MalformedRequest, $"The request body is not valid JSON for {typeof(T).Name}: {e.Message}", StatusCodes.Status400BadRequest));
        }
    }

    private static GetBlockRequest ParseBlockId(string id)
    {
        if (string.Equals(id, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return new GetBlockRequest { Latest = true };
        }

        return ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            ? new GetBlockRequest { Height = height }
            : throw new ChainError(ErrorCodes.MalformedRequest, $"'{id}' is not a block height; use a whole number or 'latest'.");
    }

    private static byte[] ParseHex(string text, string what)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new ChainError(ErrorCodes.MalformedRequest, $"The {what} must be hex, e.g. 64 hex digits.");
        }
    }

    private static IResult Guard(Func<IResult> operation)
    {
        try
        {
            return operation();
        }
        catch (ChainError e)
        {
            return Error(e.Code, e.Message, e.Code == ErrorCodes.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
        }
    }

    private sealed record ErrorBody(string Code, string Message);
}
