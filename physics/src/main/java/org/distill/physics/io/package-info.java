/** File helpers shared by the physics data formats. */
package org.distill.physics.io;
