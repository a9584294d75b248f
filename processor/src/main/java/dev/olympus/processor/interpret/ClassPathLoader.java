package dev.olympus.processor.interpret;

import java.io.IOException;
import java.io.InputStream;
import javax.annotation.processing.Filer;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Loads classes from the class path of the compilation (read through the Filer) when the processor's own
 * class path lacks them, e.g. {@code dev.olympus.nn.Nn} from the olympus-kernels jar a user depends on: a
 * {@code @Jit} method may call it, and javac traces through it. Parent first, so Olympus' own classes are the
 * processor's, and tracers flow between the two freely.
 */
public final class ClassPathLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final Filer filer;

  public ClassPathLoader(ClassLoader parent, Filer filer) {
    super(parent);
    this.filer = filer;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    try {
      byte[] bytes = classFile(name);
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException | RuntimeException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  /** The class file of the binary name {@code name} on the compilation's class path. */
  byte[] classFile(String name) throws IOException {
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? "" : name.substring(0, dot);
    FileObject fo = filer.getResource(StandardLocation.CLASS_PATH, pkg, name.substring(dot + 1) + ".class");
    try (InputStream in = fo.openInputStream()) {
      return in.readAllBytes();
    }
  }
}
