package io.jdvc.remote;

import io.jdvc.object.Oid;
import java.io.FileNotFoundException;

/** One object is absent from a remote. An IOException so transfers can record it per object. */
public final class ObjectNotFoundException extends FileNotFoundException {
  private final transient Oid oid;

  public ObjectNotFoundException(Oid oid, String location) {
    super("object " + oid + " is missing on remote " + location);
    this.oid = oid;
  }

  public Oid oid() {
    return oid;
  }
}
