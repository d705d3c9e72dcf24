"""What the bench drivers share about the PyDECnet simulator and loopback: is the API answering, and a free port."""
import socket


def api_answers(path, timeout=0.5):
    """True when the API socket answers '{}' with a JSON object, the simulator README's definition of ready."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(path)
            s.sendall(b"{}\n")
            data = b""
            while b"\n" not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            return data.strip().startswith(b"{")
    except OSError:
        return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
