namespace Spool.Protocol.Generator;

internal enum MessageKind
{
    Request,
    Response,
    Data,
}
