package io.driftwatch.node.remote;

import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.probe.ProbeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the parts of one changed unit into the {@link Snapshot} of its inputs: what each read,
 * stat, listing, digest and command answered on the target. Local paths on the target (the root in
 * front, links resolved) are mapped back to host paths. Pure.
 */
final class UnitDecoder {

  /** What the decoded unit holds, and why the sudo read was refused when it was. */
  record Decoded(Snapshot snapshot, Optional<String> sudoRefused) {}

  /**
   * The mode shown for a tree file grep read: trees are sent as contents only, and their sources
   * (the sysctl walk) look at nothing but the read bits.
   */
  private static final int READABLE = 0444;

  private final ProbeUnit unit;
  private final boolean rootFilesystem;
  private final String prefix;
  private final CollectorSettings settings;
  private final Snapshot.Builder snapshot = Snapshot.builder();
  private final Map<String, String> resolved = new HashMap<>();
  private final Map<String, PieceFormat.Meta> meta = new HashMap<>();
  private final Map<String, Integer> listed = new HashMap<>();
  private final Map<String, byte[]> contents = new HashMap<>();
  private final Map<String, String> sha256 = new HashMap<>();
  private final Map<String, String> errors = new HashMap<>();

  private UnitDecoder(ProbeUnit unit, String root, CollectorSettings settings) {
    this.unit = unit;
    this.rootFilesystem = root.equals("/");
    this.prefix = rootFilesystem ? "" : root;
    this.settings = settings;
  }

  /**
   * @throws ProbeException PROTOCOL when a part is missing or malformed
   */
  static Decoded decode(
      ProbeUnit unit, ProbeResponse.Changed changed, String root, CollectorSettings settings)
      throws ProbeException {
    try {
      return new UnitDecoder(unit, root, settings).decode(changed.parts());
    } catch (PieceFormat.MalformedException e) {
      throw new ProbeException(
          ProbeException.Reason.PROTOCOL,
          "the target's data for " + unit.source() + " is malformed: " + e.getMessage());
    }
  }

  private Decoded decode(List<ProbeResponse.Part> parts)
      throws PieceFormat.MalformedException, ProbeException {
    List<ProbeResponse.Part> commands = new ArrayList<>();
    ProbeResponse.Part sudo = null;
    for (ProbeResponse.Part part : parts) {
      switch (part.kind()) {
        case 'M' -> {
          for (PieceFormat.Meta m : PieceFormat.meta(part.data())) {
            meta.put(m.path(), m);
            listed.merge(m.path(), 1, Integer::sum);
          }
          errors.putAll(PieceFormat.errors(part.errors()));
        }
        case 'C', 'T', 'W' -> {
          PieceFormat.Contents c = PieceFormat.contents(part.data(), part.kind() != 'W');
          c.resolved().forEach(resolved::put);
          contents.putAll(c.files());
          errors.putAll(PieceFormat.errors(part.errors()));
        }
        case 'E' -> sha256.putAll(PieceFormat.sha256(part.data()));
        case 'X' -> commands.add(part);
        case 'S' -> sudo = part;
        default -> throw new PieceFormat.MalformedException("unexpected part " + part.kind());
      }
    }
    snapshot.declare(unit.inputs());
    int command = 0;
    for (Input input : unit.inputs()) {
      if (input instanceof Input.File f) {
        file(f);
      } else if (input instanceof Input.FilesIn in) {
        filesIn(in);
      } else if (input instanceof Input.Stat s) {
        stat(s.path(), local(s.path()));
      } else if (input instanceof Input.Listing l) {
        listing(l);
      } else if (input instanceof Input.Tree t) {
        stat(t.root(), local(t.root()));
        tree(t);
      } else if (input instanceof Input.Command c && rootFilesystem) {
        if (command >= commands.size()) {
          throw new PieceFormat.MalformedException(
              "the output of " + c.argv().get(0) + " is missing");
        }
        command(c, commands.get(command++));
      }
    }
    Optional<String> refused = sudo == null ? Optional.empty() : sudo(sudo);
    return new Decoded(snapshot.build(), refused);
  }

  private void file(Input.File f) {
    if (rootFilesystem && !f.stableParts().isEmpty()) {
      // A volatile kernel file: sent whole by grep, apart from find.
      String path = f.path();
      byte[] content = contents.get(path);
      String error = errors.get(path);
      if (content != null) {
        snapshot.read(path, new Snapshot.Read.Content(content));
      } else if (error == null) {
        snapshot.read(path, new Snapshot.Read.Content(new byte[0]));
      } else {
        snapshot.read(path, readError(path, error));
      }
      return;
    }
    read(f.path(), "/" + local(f.path()));
  }

  private void filesIn(Input.FilesIn in) {
    String start = "/" + prefix + in.dir() + "/";
    String end = "/" + in.name();
    for (String printed : meta.keySet()) {
      if (printed.startsWith(start) && printed.endsWith(end)) {
        String between = printed.substring(start.length(), printed.length() - end.length());
        if (!between.isEmpty() && !between.contains("/")) {
          read(in.dir() + "/" + between + end, printed);
        }
      }
    }
  }

  /** A file read links followed, recorded by find as {@code printed}. */
  private void read(String path, String printed) {
    PieceFormat.Meta m = meta.get(printed);
    if (m == null || m.target() == 'N') {
      return; // absent: covered by the declaration
    }
    if (m.target() == 'L') {
      snapshot.read(path, new Snapshot.Read.Failed(path + ": too many levels of symbolic links"));
    } else if (m.target() != 'f') {
      snapshot.read(path, new Snapshot.Read.Failed(path + ": not a regular file"));
    } else if (!m.readable()) {
      snapshot.read(path, new Snapshot.Read.Denied());
    } else {
      snapshot.read(path, content(path, printed, m));
    }
  }

  /**
   * The exact content: the records of the file, with a final NUL put back when find's size says one
   * was there (grep -z cannot show whether a file ended with one).
   */
  private Snapshot.Read content(String path, String printed, PieceFormat.Meta m) {
    byte[] bytes = contents.get(printed);
    if (bytes == null) {
      String error = errors.get(printed);
      if (error != null) {
        return readError(path, error);
      }
      bytes = new byte[0];
    }
    int copies = listed.getOrDefault(printed, 1);
    if (copies > 1) {
      // Two inputs named the same file, so grep read it that many times, NUL between the copies.
      bytes = Arrays.copyOf(bytes, (bytes.length - (copies - 1)) / copies);
    }
    if (m.type() == 'f' && m.size() == bytes.length + 1L) {
      bytes = Arrays.copyOf(bytes, bytes.length + 1);
    }
    return new Snapshot.Read.Content(bytes);
  }

  private static Snapshot.Read readError(String path, String reason) {
    if (reason.equals("No such file or directory")) {
      return new Snapshot.Read.Absent();
    }
    if (reason.equals("Permission denied")) {
      return new Snapshot.Read.Denied();
    }
    return new Snapshot.Read.Failed(path + ": " + reason);
  }

  private void stat(String path, String printed) {
    PieceFormat.Meta m = meta.get(printed);
    if (m != null) {
      snapshot.stat(path, m.info());
    }
  }

  private void listing(Input.Listing l) {
    String dir = local(l.dir());
    if (l.depth() == 0) {
      entry(l.dir(), dir);
      return;
    }
    String start = dir.equals("/") ? "/" : dir + "/";
    for (String printed : meta.keySet()) {
      if (!printed.startsWith(start) || printed.length() == start.length()) {
        continue;
      }
      String[] names = printed.substring(start.length()).split("/", -1);
      if (names.length > l.depth() || Arrays.asList(names).contains("")) {
        continue; // another input's path ("//…" is a file read)
      }
      String host = l.dir();
      for (String name : names) {
        snapshot.entry(host, name);
        host = host.equals("/") ? "/" + name : host + "/" + name;
      }
      entry(host, printed);
    }
  }

  /** An entry's metadata, and its content or sha256 by the caps of tracked files. */
  private void entry(String path, String printed) {
    PieceFormat.Meta m = meta.get(printed);
    if (m == null) {
      return;
    }
    snapshot.stat(path, m.info());
    if (m.type() != 'f') {
      return;
    }
    if (!m.readable()) {
      snapshot.read(path, new Snapshot.Read.Denied());
    } else if (m.size() <= settings.contentMaxBytes()) {
      snapshot.read(path, content(path, printed, m));
    } else if (m.size() <= settings.hashMaxBytes()) {
      String sha = sha256.get(printed);
      if (sha != null) {
        snapshot.digest(path, new Snapshot.Digest(sha, m.size()));
      } else if (errors.containsKey(printed)) {
        snapshot.read(path, readError(path, errors.get(printed)));
      }
    }
  }

  /**
   * A tree from grep's records: their paths give the directories and files; a file grep could not
   * open for permission is shown without read permission, so the source skips it as it skips
   * write-only entries; any other error is a failed read.
   */
  private void tree(Input.Tree t) {
    String root = local(t.root());
    String start = root.equals("/") ? "/" : root + "/";
    PieceFormat.Meta rootMeta = meta.get(root);
    if (rootMeta == null || rootMeta.type() != 'd') {
      return;
    }
    snapshot.directory(t.root());
    contents.forEach(
        (printed, bytes) -> {
          if (printed.startsWith(start)) {
            treeFile(t.root(), printed.substring(start.length()), new Snapshot.Read.Content(bytes));
          }
        });
    errors.forEach(
        (printed, reason) -> {
          if (printed.startsWith(start) && !contents.containsKey(printed)) {
            String rest = printed.substring(start.length());
            String host = t.root() + "/" + rest;
            treeFile(
                t.root(),
                rest,
                reason.equals("Permission denied")
                    ? null
                    : new Snapshot.Read.Failed(host + ": " + reason));
          }
        });
  }

  /** Records a tree file and its directories; a null read marks a file without read permission. */
  private void treeFile(String root, String relative, Snapshot.Read read) {
    String dir = root;
    String[] names = relative.split("/");
    for (int i = 0; i < names.length; i++) {
      if (names[i].isEmpty()) {
        return;
      }
      snapshot.entry(dir, names[i]);
      String path = dir + "/" + names[i];
      if (i < names.length - 1) {
        snapshot
            .stat(path, new FileInfo(FileInfo.Type.DIRECTORY, 0, 0555, 0, 0, null))
            .directory(path);
      } else if (read == null) {
        snapshot.stat(path, new FileInfo(FileInfo.Type.FILE, 0, 0200, 0, 0, null));
      } else {
        long size = read instanceof Snapshot.Read.Content c ? c.bytes().length : 0;
        snapshot.stat(path, new FileInfo(FileInfo.Type.FILE, size, READABLE, 0, 0, null));
        snapshot.read(path, read);
      }
      dir = path;
    }
  }

  /** A command's outcome, with the failures LocalCommandRunner reports. */
  private void command(Input.Command c, ProbeResponse.Part part)
      throws PieceFormat.MalformedException {
    PieceFormat.Outcome outcome = PieceFormat.outcome(part.data());
    String name = c.argv().get(0);
    Snapshot.Run run;
    if (outcome.status().equals("A")) {
      run = new Snapshot.Run.NotInstalled();
    } else if (outcome.status().equals("0")) {
      run = new Snapshot.Run.Output(new String(outcome.stdout(), StandardCharsets.UTF_8));
    } else {
      String firstLine = firstLine(part.errors());
      run =
          new Snapshot.Run.Failed(
              name
                  + " exited with status "
                  + outcome.status()
                  + (firstLine.isEmpty() ? "" : ": " + Text.quote(firstLine)));
    }
    snapshot.run(c.argv(), run);
  }

  /**
   * Applies the tar stream of the sudo read over what the unit read without it: the root-only
   * files' metadata and contents. Returns why it was refused, if it was.
   */
  private Optional<String> sudo(ProbeResponse.Part part) throws PieceFormat.MalformedException {
    PieceFormat.Outcome outcome = PieceFormat.outcome(part.data());
    if (outcome.status().equals("A")) {
      return Optional.of("sudo is not installed");
    }
    if (!outcome.status().equals("0") && !outcome.status().equals("2")) {
      String firstLine = firstLine(part.errors());
      return Optional.of(
          firstLine.isEmpty() ? "sudo exited with status " + outcome.status() : firstLine);
    }
    for (TarArchive.Entry entry : TarArchive.entries(outcome.stdout())) {
      String path = "/" + entry.name();
      int slash = path.lastIndexOf('/');
      String parent = slash == 0 ? "/" : path.substring(0, slash);
      FileInfo.Type type =
          switch (entry.type()) {
            case '0', '7' -> FileInfo.Type.FILE;
            case '5' -> FileInfo.Type.DIRECTORY;
            case '2' -> FileInfo.Type.SYMLINK;
            default -> FileInfo.Type.OTHER;
          };
      byte[] data = entry.data();
      if (!SudoRead.PATHS.contains(path)) {
        snapshot.entry(parent, path.substring(slash + 1));
      }
      if (type == FileInfo.Type.DIRECTORY) {
        continue; // find already described it
      }
      snapshot.stat(
          path,
          new FileInfo(
              type,
              data.length,
              entry.mode(),
              entry.uid(),
              entry.gid(),
              type == FileInfo.Type.SYMLINK ? entry.link() : null));
      if (type == FileInfo.Type.FILE) {
        snapshot.read(path, new Snapshot.Read.Content(data));
        if (data.length > settings.contentMaxBytes()) {
          snapshot.digest(path, new Snapshot.Digest(sha256(data), data.length));
        }
      }
    }
    return Optional.empty();
  }

  /** The local path of a host path as the script named it: the root in front, or as resolved. */
  private String local(String hostPath) {
    for (Map.Entry<String, String> r : resolved.entrySet()) {
      if (r.getValue().equals(hostPath)) {
        return r.getKey();
      }
    }
    return prefix + hostPath;
  }

  private static String firstLine(byte[] errors) {
    return new String(errors, StandardCharsets.UTF_8)
        .strip()
        .lines()
        .findFirst()
        .orElse("")
        .strip();
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
