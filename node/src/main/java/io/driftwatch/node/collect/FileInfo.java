package io.driftwatch.node.collect;

/**
 * What {@link HostFiles#stat} tells about a path.
 *
 * @param mode the permission bits (e.g. 0644), without the file type
 * @param linkTarget the target of a symbolic link as written in the link, else null
 */
public record FileInfo(Type type, long size, int mode, int uid, int gid, String linkTarget) {

  /** The kinds of filesystem entries the collector distinguishes. */
  public enum Type {
    FILE,
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  public boolean isFile() {
    return type == Type.FILE;
  }

  public boolean isDirectory() {
    return type == Type.DIRECTORY;
  }
}
