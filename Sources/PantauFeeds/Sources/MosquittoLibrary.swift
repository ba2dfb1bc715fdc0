import Foundation

/// libmosquitto, loaded at run time with `dlopen` so that Pantau builds and runs without it;
/// only an `mqtt` source and an alarm's MQTT publish need it (Debian: `apt-get install libmosquitto1`).
final class MosquittoLibrary: @unchecked Sendable {
    typealias MessageCallback = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeRawPointer?) -> Void
    typealias ConnectCallback = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Void
    /// `on_subscribe(mosq, obj, mid, qos_count, granted_qos)`.
    typealias SubscribeCallback = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32, Int32,
                                                   UnsafePointer<Int32>?) -> Void

    let new: @convention(c) (UnsafePointer<CChar>?, Bool, UnsafeMutableRawPointer?) -> OpaquePointer?
    let destroy: @convention(c) (OpaquePointer?) -> Void
    let usernamePasswordSet: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let tlsSet: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
                                UnsafePointer<CChar>?, UnsafeRawPointer?) -> Int32
    let connect: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32, Int32) -> Int32
    let reconnect: @convention(c) (OpaquePointer?) -> Int32
    let disconnect: @convention(c) (OpaquePointer?) -> Int32
    let subscribe: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>?, UnsafePointer<CChar>?, Int32) -> Int32
    let loop: @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    let messageCallbackSet: @convention(c) (OpaquePointer?, MessageCallback?) -> Void
    let connectCallbackSet: @convention(c) (OpaquePointer?, ConnectCallback?) -> Void
    let subscribeCallbackSet: @convention(c) (OpaquePointer?, SubscribeCallback?) -> Void
    /// `mosquitto_publish(mosq, mid, topic, payloadlen, payload, qos, retain)`.
    let publish: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>?, UnsafePointer<CChar>?, Int32,
                                 UnsafeRawPointer?, Int32, Bool) -> Int32
    /// `on_publish(mosq, obj, mid)`: a QoS 1 message's PUBACK.
    typealias PublishCallback = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Void
    let publishCallbackSet: @convention(c) (OpaquePointer?, PublishCallback?) -> Void
    let strerror: @convention(c) (Int32) -> UnsafePointer<CChar>?
    let connackString: @convention(c) (Int32) -> UnsafePointer<CChar>?

    /// `MOSQ_ERR_ERRNO`: the reason is in `errno`.
    static let errErrno: Int32 = 14

    /// The library, or why it cannot be used.
    static let shared: Result<MosquittoLibrary, LoadFailure> = load()

    /// The file names tried, in order.
    static let fileNames = ["libmosquitto.so.1", "libmosquitto.so", "libmosquitto.1.dylib", "libmosquitto.dylib"]

    struct LoadFailure: Error {
        var reason: String
    }

    private init(handle: UnsafeMutableRawPointer) throws {
        func sym<T>(_ name: String, _: T.Type) throws -> T {
            guard let p = dlsym(handle, name) else { throw LoadFailure(reason: "libmosquitto lacks \(name)") }
            return unsafeBitCast(p, to: T.self)
        }
        new = try sym("mosquitto_new", type(of: new))
        destroy = try sym("mosquitto_destroy", type(of: destroy))
        usernamePasswordSet = try sym("mosquitto_username_pw_set", type(of: usernamePasswordSet))
        tlsSet = try sym("mosquitto_tls_set", type(of: tlsSet))
        connect = try sym("mosquitto_connect", type(of: connect))
        reconnect = try sym("mosquitto_reconnect", type(of: reconnect))
        disconnect = try sym("mosquitto_disconnect", type(of: disconnect))
        subscribe = try sym("mosquitto_subscribe", type(of: subscribe))
        loop = try sym("mosquitto_loop", type(of: loop))
        messageCallbackSet = try sym("mosquitto_message_callback_set", type(of: messageCallbackSet))
        connectCallbackSet = try sym("mosquitto_connect_callback_set", type(of: connectCallbackSet))
        subscribeCallbackSet = try sym("mosquitto_subscribe_callback_set", type(of: subscribeCallbackSet))
        publish = try sym("mosquitto_publish", type(of: publish))
        publishCallbackSet = try sym("mosquitto_publish_callback_set", type(of: publishCallbackSet))
        strerror = try sym("mosquitto_strerror", type(of: strerror))
        connackString = try sym("mosquitto_connack_string", type(of: connackString))
        let libInit = try sym("mosquitto_lib_init", (@convention(c) () -> Int32).self)
        _ = libInit()
    }

    /// Loads the first of `names` that the dynamic loader finds (tests pass names that do not
    /// exist to see what a machine without libmosquitto gets).
    static func load(names: [String] = fileNames) -> Result<MosquittoLibrary, LoadFailure> {
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(LoadFailure(reason: "libmosquitto not installed (apt-get install libmosquitto1)"))
        }
        do {
            return .success(try MosquittoLibrary(handle: handle))
        } catch let e as LoadFailure {
            return .failure(e)
        } catch {
            return .failure(LoadFailure(reason: "\(error)"))
        }
    }

    /// A readable text for a libmosquitto error code.
    func describe(_ rc: Int32) -> String {
        if rc == Self.errErrno { return String(cString: Foundation.strerror(errno)) }
        return strerror(rc).map { String(cString: $0) } ?? "error \(rc)"
    }
}
